package io.capstan.certificates.profile;

/**
 * The {@code certificates} section of a profile is invalid. Reported as component condition {@code Ready=False} with
 * reason {@code InvalidProfile}; the message starts with the field path, for example
 * {@code certificates.issuers[0].acme.server: must be an https URL}.
 */
public class InvalidProfileException extends RuntimeException {

    private final String field;

    /**
     * @param field   the JSON path of the bad field, starting with {@code certificates}
     * @param problem what is wrong with it
     */
    public InvalidProfileException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the bad field. */
    public String field() {
        return field;
    }
}
