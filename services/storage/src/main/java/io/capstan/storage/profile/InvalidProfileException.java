package io.capstan.storage.profile;

/**
 * The {@code storage} section of a profile is invalid. Reported as component condition {@code Ready=False} with reason
 * {@code InvalidProfile}; the message starts with the field path, for example
 * {@code storage.classes[0].reclaimPolicy: must be Delete or Retain, got 'Keep'}.
 */
public class InvalidProfileException extends RuntimeException {

    private final String field;

    /**
     * @param field   the JSON path of the bad field, starting with {@code storage}
     * @param problem what is wrong with it
     */
    public InvalidProfileException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the bad field, for example {@code storage.classes[1].provisioner}. */
    public String field() {
        return field;
    }
}
