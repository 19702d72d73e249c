package io.capstan.gateways.profile;

/** The {@code gateways} section of a profile cannot be used; the message names the field and the value. */
public final class InvalidProfileException extends RuntimeException {

    /** @param message names the field and what is wrong */
    public InvalidProfileException(String message) {
        super(message);
    }
}
