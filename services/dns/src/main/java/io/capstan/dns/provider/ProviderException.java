package io.capstan.dns.provider;

/**
 * A DNS provider could not read or change a zone. The message names the zone, the server and the reason (RCODE
 * such as {@code REFUSED}/{@code NOTAUTH}, TSIG error such as {@code BADSIG}, HTTP status, or the I/O error) and
 * never carries a key or token.
 */
public class ProviderException extends Exception {

    private final boolean transientFailure;
    private final int applied;

    /**
     * @param message          what failed, with no credential
     * @param transientFailure true when a retry may succeed (timeout, connection refused, SERVFAIL, HTTP 5xx)
     * @param applied          record sets of the failed {@link DnsProvider#apply} that were applied before the failure
     * @param cause            underlying error, may be null
     */
    public ProviderException(String message, boolean transientFailure, int applied, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.applied = applied;
    }

    /** True when a retry may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** Record sets applied before the failure. */
    public int applied() {
        return applied;
    }
}
