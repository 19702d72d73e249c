package io.capstan.dns.provider;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Presentation-form helpers every provider shares, so that all of them read and write {@link RecordSet#targets()} the
 * same way: TXT text as RFC 1035 §3.3.14 character-strings (at most 255 octets each) in master-file quoting, IPv6
 * addresses in the RFC 5952 canonical text form, host names without trailing dot.
 */
public final class RecordData {

    /** Longest character-string (RFC 1035 §3.3). */
    public static final int MAX_CHARACTER_STRING = 255;

    private RecordData() {
    }

    /**
     * Splits a TXT text into character-strings: its UTF-8 octets in chunks of at most 255 (an empty text is one empty
     * string).
     */
    public static List<byte[]> txtChunks(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < bytes.length || i == 0; i += MAX_CHARACTER_STRING) {
            int end = Math.min(bytes.length, i + MAX_CHARACTER_STRING);
            byte[] chunk = new byte[end - i];
            System.arraycopy(bytes, i, chunk, 0, chunk.length);
            out.add(chunk);
            if (bytes.length == 0) {
                break;
            }
        }
        return out;
    }

    /**
     * The inside of a master-file quoted string for these octets (RFC 1035 §5.1): {@code "} and {@code \} escaped
     * with a backslash, octets outside printable ASCII as {@code \DDD}.
     */
    public static String escape(byte[] chunk) {
        StringBuilder b = new StringBuilder(chunk.length + 8);
        for (byte value : chunk) {
            int c = value & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                b.append('\\').append(String.format(Locale.ROOT, "%03d", c));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** A TXT text as quoted character-strings separated by one space: {@code "part 1" "part 2"}. */
    public static String quoteTxt(String text) {
        StringBuilder b = new StringBuilder();
        for (byte[] chunk : txtChunks(text)) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append('"').append(escape(chunk)).append('"');
        }
        return b.toString();
    }

    /**
     * The text of quoted (or bare) character-strings in master-file form, joined without separator, escapes
     * resolved and the octets read as UTF-8; the inverse of {@link #quoteTxt}.
     *
     * @throws IllegalArgumentException on an unterminated quote or a bad escape
     */
    public static String unquoteTxt(String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = content.length();
        while (i < n) {
            char c = content.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean quoted = c == '"';
            if (quoted) {
                i++;
            }
            while (i < n) {
                c = content.charAt(i);
                if (quoted ? c == '"' : (c == ' ' || c == '\t')) {
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= n) {
                        throw new IllegalArgumentException("dangling backslash in TXT content");
                    }
                    char d = content.charAt(i + 1);
                    if (Character.isDigit(d)) {
                        if (i + 4 > n || !Character.isDigit(content.charAt(i + 2))
                            || !Character.isDigit(content.charAt(i + 3))) {
                            throw new IllegalArgumentException("bad \\DDD escape in TXT content");
                        }
                        int value = Integer.parseInt(content.substring(i + 1, i + 4));
                        if (value > 255) {
                            throw new IllegalArgumentException("bad \\DDD escape in TXT content");
                        }
                        out.write(value);
                        i += 4;
                    } else {
                        out.write(d);
                        i += 2;
                    }
                    continue;
                }
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i++;
            }
            if (quoted) {
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated quote in TXT content");
                }
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Octets of character-strings joined and read as UTF-8. */
    public static String joinTxt(List<byte[]> strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        strings.forEach(s -> out.write(s, 0, s.length));
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * An IPv6 address in RFC 5952 §4 text form (lowercase hex, no leading zeros, the longest run of two or more zero
     * groups, the first on a tie, as {@code ::}).
     *
     * @throws IllegalArgumentException when {@code address} is not an IPv6 literal
     */
    public static String ipv6(String address) {
        if (address.indexOf(':') < 0) {
            throw new IllegalArgumentException("not an IPv6 address: " + address);
        }
        byte[] bytes;
        try {
            // a string with ':' is parsed as a literal, never looked up
            InetAddress parsed = InetAddress.getByName(address);
            bytes = parsed.getAddress();
            if (!(parsed instanceof Inet6Address) && bytes.length == 4) {
                // ::ffff:a.b.c.d comes back as IPv4
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + address);
        }
        return ipv6(bytes);
    }

    /** RFC 5952 text of 16 octets (4 octets are taken as the IPv4-mapped address). */
    public static String ipv6(byte[] bytes) {
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!b.isEmpty() && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    /** A host name lowercased, without trailing dot ({@code Mail.Example.COM.} -> {@code mail.example.com}). */
    public static String hostname(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
    }

    /** Whether {@code name} is {@code zone} or below it (both lowercase, without trailing dot). */
    public static boolean inZone(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }
}
