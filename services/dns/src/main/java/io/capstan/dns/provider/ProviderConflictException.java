package io.capstan.dns.provider;

/**
 * A change was refused because the zone is no longer as the planner read it: someone else created, changed or deleted
 * a record set in between (RFC 2136 §2.4 prerequisite failed, RCODE {@code YXRRSET} or {@code NXRRSET}, or the
 * equivalent check of another provider). Nothing of the failed message was applied ({@link #applied()} counts the
 * record sets of the messages before it). The service reports it as {@code Conflict}; a retry after re-reading the zone
 * and planning again may succeed, so it is {@linkplain #isTransient() transient}.
 */
public class ProviderConflictException extends ProviderException {

    private final String recordSet;

    /**
     * @param message   what failed, with no credential
     * @param recordSet {@link RecordSet#id()} of the record set the failed check was about when known, else null
     * @param applied   record sets applied before the failed message
     */
    public ProviderConflictException(String message, String recordSet, int applied) {
        super(message, true, applied, null);
        this.recordSet = recordSet;
    }

    /** The {@link RecordSet#id()} the failed check was about, or null when the provider cannot tell. */
    public String recordSet() {
        return recordSet;
    }
}
