package io.capstan.certificates.spec;

import org.bouncycastle.util.IPAddress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address SANs (RFC 5280 4.2.1.6 iPAddress). Parsed as addresses, never resolved (no DNS), and written in one
 * canonical text form (IPv4 dotted decimal, IPv6 RFC 5952: lower case, longest zero run compressed, IPv4-mapped
 * IPv6 as IPv4 like Go's {@code net.IP.String}), so {@code 2001:DB8:0:0::1} and {@code 2001:db8::1} compare equal.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private IpAddresses() {
    }

    /**
     * @param text an IPv4 or IPv6 literal (no zone, no brackets, no leading zeros in IPv4)
     * @return the address
     * @throws IllegalArgumentException {@code invalid IP address} when it is not a literal
     */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid IP address");
        }
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = !v4 && text.indexOf(':') >= 0 && text.indexOf('%') < 0 && IPAddress.isValidIPv6(text);
        if (!v4 && !v6) {
            throw new IllegalArgumentException("invalid IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address");
        }
    }

    /**
     * @param text an IP literal
     * @return its canonical form
     * @throws IllegalArgumentException as {@link #parse(String)}
     */
    public static String normalize(String text) {
        return format(parse(text));
    }

    /**
     * @param address an address
     * @return dotted decimal for IPv4, RFC 5952 for IPv6
     */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = ((Inet6Address) address).getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
