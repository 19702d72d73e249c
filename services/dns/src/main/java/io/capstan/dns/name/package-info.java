/**
 * DNS name normalisation and validation (RFC 1035 §2.3.4, RFC 4592, RFC 5891): pure, no I/O.
 */
package io.capstan.dns.name;
