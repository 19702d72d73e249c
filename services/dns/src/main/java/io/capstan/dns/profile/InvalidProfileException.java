package io.capstan.dns.profile;

/**
 * The {@code dns} section of a profile is invalid. Reported as the dns component's {@code Ready=False} with reason
 * {@code InvalidProfile}; the message starts with the field path, for example
 * {@code dns.provider.type: must be rfc2136, pdns or memory, got 'route53'}. Nothing is written to any zone for that
 * cluster until the profile is fixed.
 */
public class InvalidProfileException extends RuntimeException {

    private final String field;

    /**
     * @param field   JSON path of the bad field, starting with {@code dns}
     * @param problem what is wrong with it
     */
    public InvalidProfileException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** JSON path of the bad field, for example {@code dns.zones[1]}. */
    public String field() {
        return field;
    }
}
