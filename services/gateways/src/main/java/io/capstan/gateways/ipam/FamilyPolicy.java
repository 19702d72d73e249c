package io.capstan.gateways.ipam;

/** A Service's {@code spec.ipFamilyPolicy} (Kubernetes Service API; unset = SingleStack). */
public enum FamilyPolicy {
    SingleStack,
    PreferDualStack,
    RequireDualStack
}
