/**
 * Which names a cluster may obtain ({@link io.capstan.certificates.policy.DomainPolicy}); a refusal is
 * {@code Ready=False} reason {@code Denied}.
 */
package io.capstan.certificates.policy;
