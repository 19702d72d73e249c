package io.capstan.dns.source;

import io.capstan.dns.endpoint.SourceRef;

/**
 * Why an object (or one of its names) yields no endpoint, or yields one with a setting ignored. Reported in the
 * component status; never stops the other objects' endpoints.
 *
 * @param source   the object
 * @param hostname the name concerned, or null when it is about the whole object
 * @param reason   CamelCase reason: {@code InvalidTtl}, {@code InvalidEndpoint} (a DNSEndpoint entry without dnsName or
 *                 targets, or with a type that cannot be inferred), {@code ParentGatewayNotFound}
 * @param message  human-readable, names the field
 */
public record SourceProblem(SourceRef source, String hostname, String reason, String message) {
}
