package io.capstan.certificates.pki;

import java.util.Optional;

/**
 * PEM encoding of {@code tls.key} (cert-manager's {@code spec.privateKey.encoding}). {@link #PKCS1} writes RSA keys
 * as {@code RSA PRIVATE KEY} (RFC 8017 A.1.2) and ECDSA keys as {@code EC PRIVATE KEY} (SEC 1 / RFC 5915), as
 * cert-manager does; Ed25519 has no PKCS#1 form and is written PKCS#8 either way. {@link #PKCS8} writes
 * {@code PRIVATE KEY} (RFC 5208 / RFC 5958).
 */
public enum KeyEncoding {
    /** The default of cert-manager. */
    PKCS1,
    /** Unencrypted PKCS#8 PrivateKeyInfo. */
    PKCS8;

    /**
     * @param name {@code PKCS1} or {@code PKCS8} (exact, as the CRD enum)
     * @return the encoding, or empty when unknown
     */
    public static Optional<KeyEncoding> fromSpecName(String name) {
        for (KeyEncoding e : values()) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
