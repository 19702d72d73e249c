/**
 * Zone selection (most specific zone on label boundaries) and domain filters, as ExternalDNS: pure, no I/O.
 */
package io.capstan.dns.zone;
