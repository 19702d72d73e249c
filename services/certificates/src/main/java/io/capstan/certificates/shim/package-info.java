/**
 * cert-manager's ingress-shim and gateway-shim as a pure planner ({@link io.capstan.certificates.shim.ShimPlanner}):
 * Ingress and Gateway objects in, the shim Certificates (with their manifests), warnings and errors out.
 */
package io.capstan.certificates.shim;
