/**
 * The ExternalDNS TXT ownership registry (kubernetes-sigs/external-dns {@code registry/txt}, {@code registry/mapper},
 * docs/registry/txt.md): marker names, marker text, and who owns which record set of a zone. Pure, no I/O.
 */
package io.capstan.dns.registry;
