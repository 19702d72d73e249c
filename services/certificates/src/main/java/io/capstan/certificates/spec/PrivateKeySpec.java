package io.capstan.certificates.spec;

import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;

/**
 * cert-manager's {@code spec.privateKey} with defaults applied (RSA 2048, PKCS1, Always).
 *
 * @param key            algorithm and size
 * @param encoding       PEM encoding of {@code tls.key}
 * @param rotationPolicy whether each issuance makes a new key
 */
public record PrivateKeySpec(KeySpec key, KeyEncoding encoding, RotationPolicy rotationPolicy) {

    /** cert-manager's defaults. */
    public static final PrivateKeySpec DEFAULT = new PrivateKeySpec(KeySpec.RSA_2048, KeyEncoding.PKCS1, RotationPolicy.ALWAYS);
}
