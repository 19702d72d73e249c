package io.capstan.dns.endpoint;

/**
 * A record target that cannot be published (not an IPv4 address for A, not an IPv6 address for AAAA, not a host name
 * for CNAME/NS, a CNAME with several targets...). The message names the target and the rule.
 */
public class InvalidTargetException extends IllegalArgumentException {

    public InvalidTargetException(String message) {
        super(message);
    }
}
