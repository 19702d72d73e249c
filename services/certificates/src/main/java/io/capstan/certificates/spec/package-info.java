/**
 * cert-manager.io/v1 Certificate specs: {@link io.capstan.certificates.spec.CertificateParser} applies cert-manager's
 * defaults and webhook validation (messages name the field) and returns a normalised
 * {@link io.capstan.certificates.spec.CertificateSpec}; refusals are
 * {@link io.capstan.certificates.spec.InvalidCertificateException} (reasons {@code InvalidSpec},
 * {@code UnsupportedApiVersion}).
 *
 * <p>Choice for upper-case names (issue 4, case 2): normalise, never refuse. DNS names (and a common name that is a
 * host name) become lower-case A-labels with a warning naming the field; the certificate carries them, and the next
 * pass parses the same spec, so nothing is re-issued. Other choices: a wildcard only as the whole left-most label;
 * no trailing dot; LDH labels (no underscore); IP SANs in one canonical text form (RFC 5952); the alpha fields
 * {@code literalSubject}, {@code otherNames}, {@code nameConstraints} are refused as cert-manager refuses them without
 * their feature gates; {@code keystores}, {@code signatureAlgorithm}, {@code encodeUsagesInRequest}, {@code renewal}
 * are ignored with a warning.
 */
package io.capstan.certificates.spec;
