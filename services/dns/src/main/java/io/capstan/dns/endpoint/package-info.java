/**
 * The desired-state model (ExternalDNS's {@code endpoint.Endpoint}): what one cluster asks to publish, from which
 * Kubernetes object, and the normalisation of record data. Pure, no I/O.
 */
package io.capstan.dns.endpoint;
