package io.capstan.dns.profile;

/**
 * What a pass may do to owned records (ExternalDNS {@code --policy}, upstream {@code plan/policy.go}).
 */
public enum Policy {
    /** Create, update and delete owned records (the default). */
    SYNC("sync"),
    /** Create and update, never delete. */
    UPSERT_ONLY("upsert-only"),
    /** Create only. */
    CREATE_ONLY("create-only");

    private final String value;

    Policy(String value) {
        this.value = value;
    }

    /** The value in the profile. */
    public String value() {
        return value;
    }
}
