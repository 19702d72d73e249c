package io.capstan.certificates.pki;

/**
 * What a private key is: algorithm and size in bits (RSA modulus bits, ECDSA curve size 256/384/521, 0 for
 * Ed25519). Used both for the key a Certificate asks for and for describing a key found in a Secret, so that
 * the two compare with {@link #equals(Object)}.
 *
 * @param algorithm the algorithm
 * @param size      bits as above
 */
public record KeySpec(KeyAlgorithm algorithm, int size) {

    /** ECDSA P-256, the usual small choice. */
    public static final KeySpec ECDSA_P256 = new KeySpec(KeyAlgorithm.ECDSA, 256);
    /** ECDSA P-384. */
    public static final KeySpec ECDSA_P384 = new KeySpec(KeyAlgorithm.ECDSA, 384);
    /** RSA 2048, cert-manager's default key. */
    public static final KeySpec RSA_2048 = new KeySpec(KeyAlgorithm.RSA, 2048);
    /** Ed25519. */
    public static final KeySpec ED25519 = new KeySpec(KeyAlgorithm.ED25519, 0);

    /**
     * @throws IllegalArgumentException when the size does not fit the algorithm (cert-manager's rules: RSA
     *                                  2048..8192, ECDSA 256/384/521)
     */
    public KeySpec {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        switch (algorithm) {
            case RSA -> {
                if (size < 2048 || size > 8192) {
                    throw new IllegalArgumentException("RSA key size must be between 2048 and 8192, got " + size);
                }
            }
            case ECDSA -> {
                if (size != 256 && size != 384 && size != 521) {
                    throw new IllegalArgumentException("ECDSA key size must be 256, 384 or 521, got " + size);
                }
            }
            case ED25519 -> size = 0;
        }
    }

    /**
     * @param algorithm the algorithm
     * @param size      bits, or 0 for the algorithm's default
     * @return the spec with cert-manager's default size applied
     */
    public static KeySpec of(KeyAlgorithm algorithm, int size) {
        return new KeySpec(algorithm, size == 0 ? algorithm.defaultSize() : size);
    }

    /** @return e.g. {@code RSA-2048}, {@code ECDSA-256}, {@code Ed25519} */
    @Override
    public String toString() {
        return algorithm == KeyAlgorithm.ED25519 ? "Ed25519" : algorithm.specName() + "-" + size;
    }
}
