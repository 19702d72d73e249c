package io.capstan.certificates.pki;

import java.util.Optional;

/**
 * Private key algorithms of cert-manager's {@code spec.privateKey.algorithm} (cert-manager.io/v1
 * {@code PrivateKeyAlgorithm}: {@code RSA}, {@code ECDSA}, {@code Ed25519}).
 */
public enum KeyAlgorithm {
    /** RSA (RFC 8017); sizes 2048..8192 bits, default 2048. */
    RSA("RSA", 2048),
    /** ECDSA over a NIST curve (FIPS 186-4): size 256 (P-256), 384 (P-384) or 521 (P-521), default 256. */
    ECDSA("ECDSA", 256),
    /** Ed25519 (RFC 8032); the size is ignored and reported as 0. */
    ED25519("Ed25519", 0);

    private final String specName;
    private final int defaultSize;

    KeyAlgorithm(String specName, int defaultSize) {
        this.specName = specName;
        this.defaultSize = defaultSize;
    }

    /** @return the spelling used in cert-manager manifests ({@code RSA}, {@code ECDSA}, {@code Ed25519}) */
    public String specName() {
        return specName;
    }

    /** @return cert-manager's default size for the algorithm (bits; 0 for Ed25519) */
    public int defaultSize() {
        return defaultSize;
    }

    /**
     * Looks up the manifest spelling. Exact match, as the cert-manager CRD enum is; lower case {@code rsa},
     * {@code ecdsa}, {@code ed25519} are accepted too because cert-manager's annotation values are written so.
     *
     * @param name spelling from a manifest or annotation
     * @return the algorithm, or empty when unknown
     */
    public static Optional<KeyAlgorithm> fromSpecName(String name) {
        for (KeyAlgorithm a : values()) {
            if (a.specName.equals(name) || a.specName.toLowerCase(java.util.Locale.ROOT).equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
