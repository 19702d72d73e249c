package io.capstan.orchestrator.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** API roles, each including the lower ones: viewer (reads), operator (cluster POST/DELETE), admin (profiles, audit). */
public enum Role {
    viewer, operator, admin;

    /** Role names used in {@code @RolesAllowed}. */
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    /** This role and every lower one, as role names for the security identity. */
    public Set<String> granted() {
        return switch (this) {
            case viewer -> Set.of(VIEWER);
            case operator -> Set.of(VIEWER, OPERATOR);
            case admin -> Set.of(VIEWER, OPERATOR, ADMIN);
        };
    }

    /** Parses a configured role name, case-insensitively; empty when unknown. */
    public static Optional<Role> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.trim().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
