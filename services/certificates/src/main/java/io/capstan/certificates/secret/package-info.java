/**
 * The TLS Secret: what Capstan reads ({@link io.capstan.certificates.secret.ObservedSecret}) and writes
 * ({@link io.capstan.certificates.secret.SecretLayout#render}), in cert-manager's layout.
 */
package io.capstan.certificates.secret;
