package io.capstan.dns.plan;

import java.util.Locale;

/**
 * What a pass may do, as ExternalDNS's {@code plan/policy.go} ({@code --policy}): kept apart from the diff.
 */
public enum Policy {
    /** Create, update and delete owned record sets. */
    SYNC("sync"),
    /** Create and update, never delete. */
    UPSERT_ONLY("upsert-only"),
    /** Only create record sets that do not exist yet. */
    CREATE_ONLY("create-only");

    private final String wire;

    Policy(String wire) {
        this.wire = wire;
    }

    /** The configuration spelling: {@code sync}, {@code upsert-only}, {@code create-only}. */
    public String wire() {
        return wire;
    }

    /**
     * @param s {@code sync}, {@code upsert-only} or {@code create-only} (any case)
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Policy parse(String s) {
        for (Policy p : values()) {
            if (p.wire.equals(s == null ? "" : s.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("policy \"" + s + "\" is not one of sync, upsert-only, create-only");
    }

    boolean mayUpdate() {
        return this != CREATE_ONLY;
    }

    boolean mayDelete() {
        return this == SYNC;
    }
}
