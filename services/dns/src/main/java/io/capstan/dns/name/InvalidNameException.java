package io.capstan.dns.name;

/**
 * A DNS name that cannot be published: empty, an empty label, a label over 63 octets, a name over 253 octets, a
 * character outside letters, digits, hyphen and underscore, a misplaced {@code *}, or an internationalised label that
 * IDNA cannot convert. The message quotes the name as given and says which rule it breaks (RFC 1035 §2.3.4,
 * RFC 4592, RFC 5891), so it can go unchanged into a status condition.
 */
public class InvalidNameException extends IllegalArgumentException {

    private final String name;

    /**
     * @param name   the name as it was given (may be null)
     * @param reason what is wrong, for example {@code label "a..." is 64 octets, the limit is 63 (RFC 1035 §2.3.4)}
     */
    public InvalidNameException(String name, String reason) {
        super("invalid DNS name \"" + name + "\": " + reason);
        this.name = name;
    }

    /** The name as it was given. */
    public String name() {
        return name;
    }
}
