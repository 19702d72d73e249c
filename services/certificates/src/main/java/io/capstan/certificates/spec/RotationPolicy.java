package io.capstan.certificates.spec;

import java.util.Optional;

/**
 * cert-manager's {@code spec.privateKey.rotationPolicy}: {@code Always} (a new key on every issuance; the default
 * since cert-manager 1.18) or {@code Never} (reuse the key in the Secret; a key that does not match the requested
 * algorithm/size is an error, never silently replaced).
 */
public enum RotationPolicy {
    ALWAYS("Always"),
    NEVER("Never");

    private final String specName;

    RotationPolicy(String specName) {
        this.specName = specName;
    }

    /** @return {@code Always} or {@code Never} */
    public String specName() {
        return specName;
    }

    /**
     * @param name manifest spelling (exact)
     * @return the policy, or empty when unknown
     */
    public static Optional<RotationPolicy> fromSpecName(String name) {
        for (RotationPolicy p : values()) {
            if (p.specName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
