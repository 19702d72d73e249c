/**
 * X.509 material, pure (no Kafka, no cluster, no I/O but the secure random source): private keys
 * ({@link io.capstan.certificates.pki.PrivateKeys}: RSA 2048..8192, ECDSA P-256/384/521, Ed25519; PEM PKCS#1 or
 * PKCS#8 as cert-manager writes {@code tls.key}), PEM certificates ({@link io.capstan.certificates.pki.Pem}),
 * chains built from bundles in any order ({@link io.capstan.certificates.pki.CertificateChain}), PKCS#10 requests
 * ({@link io.capstan.certificates.pki.Csrs}), CA and self signing ({@link io.capstan.certificates.pki.Signer}; the
 * CA's notAfter caps the lifetime and {@link io.capstan.certificates.pki.IssuedCertificate#shortened()} says so) and
 * PKIX verification ({@link io.capstan.certificates.pki.ChainVerifier}). Failures are
 * {@link io.capstan.certificates.pki.PkiException} with a CamelCase reason.
 */
package io.capstan.certificates.pki;
