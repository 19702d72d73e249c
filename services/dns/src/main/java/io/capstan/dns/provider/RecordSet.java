package io.capstan.dns.provider;

import java.util.List;
import java.util.Objects;

/**
 * One resource record set as a provider stores it (RFC 2181 §5: all records of one owner name, class IN and type).
 *
 * @param name    owner name, absolute, lowercase, ASCII (IDN already in punycode), WITHOUT the trailing dot, for
 *                example {@code www.example.com}; the zone apex is the zone name itself
 * @param type    record type mnemonic in upper case: {@code A}, {@code AAAA}, {@code CNAME}, {@code TXT}, {@code MX},
 *                {@code SRV}, {@code NS}, ...
 * @param ttl     TTL in seconds
 * @param targets record data in presentation form, sorted, without duplicates: an address for A/AAAA, a host name
 *                without trailing dot for CNAME/NS, the unquoted text for TXT (one string per record; a record whose
 *                text is several character-strings is joined without separator), and the RFC 1035 presentation form
 *                for other types ({@code 10 mail.example.com} for MX)
 */
public record RecordSet(String name, String type, long ttl, List<String> targets) {

    public RecordSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        targets = targets == null ? List.of() : targets.stream().distinct().sorted().toList();
    }

    /** The identity of a record set inside a zone: {@code name} and {@code type}. */
    public String id() {
        return name + ' ' + type;
    }
}
