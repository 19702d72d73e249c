package io.capstan.sandbox.dns;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A zone a sandbox DNS server serves from its start, with the records it holds before anyone updates it.
 *
 * @param name    the zone name, absolute, without trailing dot, for example {@code example.test} (lowercased)
 * @param records initial records in RFC 1035 master-file form, one per entry, owner names absolute with a trailing
 *                dot or relative to the zone ({@code @} is the apex), for example
 *                {@code "@ 300 IN TXT \"v=spf1 -all\""}, {@code "@ 300 IN MX 10 mail.example.test."},
 *                {@code "hand 300 IN A 192.0.2.10"}; the SOA and the NS {@code ns1.<zone>.} with its glue
 *                {@code 127.0.0.1} are always added and must not be given
 */
public record DnsZone(String name, List<String> records) {

    public DnsZone {
        Objects.requireNonNull(name, "name");
        name = name.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || !name.matches("[a-z0-9._-]+")) {
            throw new IllegalArgumentException("bad zone name: " + name);
        }
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** A zone with only its SOA, NS and the NS glue. */
    public static DnsZone of(String name) {
        return new DnsZone(name, List.of());
    }

    /** The zone name with the trailing dot, {@code example.test.}. */
    public String absolute() {
        return name + '.';
    }

    /**
     * The zone in RFC 1035 master-file form: {@code $ORIGIN}, {@code $TTL 300}, the SOA
     * ({@code ns1.<zone>. hostmaster.<zone>. 1 3600 600 86400 60}), the NS {@code ns1.<zone>.}, its glue A
     * {@code 127.0.0.1}, then {@link #records()}.
     */
    public String masterFile() {
        String z = absolute();
        StringBuilder b = new StringBuilder()
            .append("$ORIGIN ").append(z).append('\n')
            .append("$TTL 300\n")
            .append("@ IN SOA ns1.").append(z).append(" hostmaster.").append(z).append(" 1 3600 600 86400 60\n")
            .append("@ IN NS ns1.").append(z).append('\n')
            .append("ns1 IN A 127.0.0.1\n");
        records.forEach(r -> b.append(r).append('\n'));
        return b.toString();
    }
}
