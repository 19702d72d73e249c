package io.capstan.dns.provider.rfc2136;

import io.capstan.dns.provider.RecordData;
import io.capstan.dns.provider.RecordSet;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Converts between {@link RecordSet} (presentation form, names without trailing dot) and dnsjava's wire records.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    /** {@code example.com} -> the absolute name {@code example.com.}. */
    static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (IOException e) {
            throw new IllegalArgumentException("bad DNS name " + name + ": " + e.getMessage());
        }
    }

    /** The type code of a mnemonic. */
    static int type(String mnemonic) {
        int type = Type.value(mnemonic);
        if (type < 0) {
            throw new IllegalArgumentException("unknown record type " + mnemonic);
        }
        return type;
    }

    /**
     * The class-IN records of a record set with the given TTL (0 for RFC 2136 §2.4.2 prerequisites).
     *
     * @throws IllegalArgumentException on a name, type or target that is not valid presentation form
     */
    static List<Record> toRecords(RecordSet set, long ttl) {
        Name name = absolute(set.name());
        int type = type(set.type());
        List<Record> out = new ArrayList<>(set.targets().size());
        for (String target : set.targets()) {
            try {
                out.add(switch (type) {
                    case Type.A -> new ARecord(name, DClass.IN, ttl, Address.getByAddress(target, Address.IPv4));
                    case Type.AAAA -> new AAAARecord(name, DClass.IN, ttl,
                        Address.getByAddress(target, Address.IPv6));
                    case Type.TXT -> new TXTRecord(name, DClass.IN, ttl, strings(target));
                    case Type.SPF -> new SPFRecord(name, DClass.IN, ttl, strings(target));
                    default -> Record.fromString(name, type, DClass.IN, ttl, target, Name.root);
                });
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad " + set.type() + " address for " + set.name() + ": " + target);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("bad " + set.type() + " data for " + set.name() + ": " + target
                    + " (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static List<String> strings(String text) {
        return RecordData.txtChunks(text).stream().map(RecordData::escape).toList();
    }

    /** Groups class-IN records into record sets, in first-seen order, duplicates (AXFR's closing SOA) collapsed. */
    static List<RecordSet> toRecordSets(List<Record> records) {
        Map<String, List<Record>> sets = new LinkedHashMap<>();
        for (Record r : records) {
            if (r.getDClass() != DClass.IN) {
                continue;
            }
            String key = RecordData.hostname(r.getName().toString()) + ' ' + Type.string(r.getType());
            sets.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<RecordSet> out = new ArrayList<>(sets.size());
        for (List<Record> set : sets.values()) {
            Record first = set.get(0);
            long ttl = set.stream().mapToLong(Record::getTTL).min().orElse(first.getTTL());
            out.add(new RecordSet(RecordData.hostname(first.getName().toString()), Type.string(first.getType()), ttl,
                set.stream().map(RecordCodec::target).toList()));
        }
        return out;
    }

    /** One record's data in {@link RecordSet#targets()} form. */
    static String target(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof AAAARecord a) {
            return RecordData.ipv6(a.getAddress().getAddress());
        }
        if (r instanceof TXTRecord t) {
            return RecordData.joinTxt(t.getStringsAsByteArrays());
        }
        if (r instanceof SPFRecord t) {
            return RecordData.joinTxt(t.getStringsAsByteArrays());
        }
        if (r instanceof CNAMERecord c) {
            return RecordData.hostname(c.getTarget().toString());
        }
        if (r instanceof NSRecord n) {
            return RecordData.hostname(n.getTarget().toString());
        }
        if (r instanceof PTRRecord p) {
            return RecordData.hostname(p.getTarget().toString());
        }
        if (r instanceof DNAMERecord d) {
            return RecordData.hostname(d.getTarget().toString());
        }
        if (r instanceof MXRecord m) {
            return m.getPriority() + " " + RecordData.hostname(m.getTarget().toString());
        }
        if (r instanceof SRVRecord s) {
            return s.getPriority() + " " + s.getWeight() + " " + s.getPort() + " "
                + RecordData.hostname(s.getTarget().toString());
        }
        return r.rdataToString();
    }
}
