/**
 * When to renew and whether to re-issue. {@link io.capstan.certificates.renewal.RenewalTime} follows cert-manager
 * on the certificate's real validity; {@link io.capstan.certificates.renewal.ReissuePolicy} is cert-manager's ordered
 * trigger chain over the Secret, with two Capstan rules: {@code rotationPolicy: Never} with a key that does not
 * match the spec is {@code Blocked} (Ready=False, Secret untouched), and a renewal that could not outlive the current
 * certificate (the issuer's own certificate ends first) waits for the issuer ({@code IssuerExpiring}) instead of
 * re-issuing ever faster.
 */
package io.capstan.certificates.renewal;
