package io.capstan.dns.registry;

/**
 * The ownership marker of a record cannot be named: with the TXT prefix or suffix and the type prefix a label would
 * exceed 63 octets or the name 253 octets (RFC 1035 §2.3.4), or the marker would lie outside the record's zone. The
 * message names the record, the marker name and the limit.
 */
public class MarkerNameException extends IllegalArgumentException {

    public MarkerNameException(String message) {
        super(message);
    }
}
