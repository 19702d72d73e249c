package io.capstan.dns.provider.rfc2136;

import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.ProviderConflictException;
import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.RecordData;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.provider.ZoneChanges.Change;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@link DnsProvider} for any primary name server that takes RFC 2136 dynamic UPDATE and RFC 5936 AXFR signed with an
 * RFC 8945 TSIG key (BIND 9, Knot, PowerDNS with dnsupdate on), built on dnsjava 3.
 *
 * <ul>
 *   <li>{@link #records} transfers the whole zone (AXFR over TCP, TSIG-signed) and groups it into record sets.</li>
 *   <li>{@link #apply} sends the changes as UPDATE messages (RFC 2136 §3) of at most
 *       {@link Rfc2136Config#maxRecordSetsPerMessage()} record sets and under the 65,535-octet message limit, in the
 *       order deletes, updates, creates. Each message is atomic on the server. A create carries the prerequisite
 *       "RRset does not exist" (§2.4.3); an update and a delete carry "RRset exists (value dependent)" (§2.4.2) on the
 *       record set as it was read; so a concurrent writer makes the message fail with {@code YXRRSET} or
 *       {@code NXRRSET}, reported as {@link ProviderConflictException}, and nobody's change is overwritten blindly.
 *       An update is "delete RRset" then "add" of every new record (§2.5.2, §2.5.1), so TTL and targets change at
 *       once.</li>
 *   <li>Messages up to 512 octets go over UDP, larger ones over TCP (or always TCP when configured).</li>
 * </ul>
 *
 * Errors: I/O errors, timeouts and {@code SERVFAIL} are transient; {@code REFUSED}, {@code NOTAUTH}, TSIG errors
 * ({@code BADSIG}, {@code BADKEY}, {@code BADTIME}), {@code NOTZONE}, {@code FORMERR} and invalid record data are not.
 * No message, log line or {@link #toString()} carries the secret. Stateless between calls, so safe for many threads.
 */
public final class Rfc2136Provider implements DnsProvider {

    /** Room kept in a message for the header, the zone section and the TSIG record. */
    private static final int MESSAGE_LIMIT = 65_535 - 1_024;
    private static final Map<String, Name> ALGORITHMS = Map.of(
        "hmac-sha1", TSIG.HMAC_SHA1,
        "hmac-sha224", TSIG.HMAC_SHA224,
        "hmac-sha256", TSIG.HMAC_SHA256,
        "hmac-sha384", TSIG.HMAC_SHA384,
        "hmac-sha512", TSIG.HMAC_SHA512);

    private final Rfc2136Config config;
    private final TSIG tsig;

    /**
     * @param config server, key and limits
     * @throws IllegalArgumentException when the key name is not a DNS name or the secret is not base64 (the message
     *                                  does not repeat the secret)
     */
    public Rfc2136Provider(Rfc2136Config config) {
        this.config = config;
        Name keyName = RecordCodec.absolute(config.keyName());
        try {
            this.tsig = new TSIG(ALGORITHMS.get(config.keyAlgorithm()), keyName, config.secret());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("TSIG secret of key " + config.keyName() + " is not valid base64");
        }
    }

    /** @return the configuration (its {@code toString} hides the secret) */
    public Rfc2136Config config() {
        return config;
    }

    @Override
    public List<RecordSet> records(String zone) throws ProviderException {
        Name zoneName = zoneName(zone);
        ZoneTransferIn xfr;
        try {
            xfr = ZoneTransferIn.newAXFR(zoneName, config.host(), config.port(), tsig);
            xfr.setTimeout(config.timeout());
            xfr.run();
        } catch (ZoneTransferException e) {
            String why = e.getMessage() == null ? "zone transfer failed" : e.getMessage();
            boolean transientFailure = why.contains("SERVFAIL");
            throw new ProviderException(prefix(zone) + "AXFR refused: " + why + diagnose(zoneName, why),
                transientFailure, 0, null);
        } catch (IOException e) {
            throw new ProviderException(prefix(zone) + "AXFR failed: " + ioReason(e), true, 0, e);
        }
        if (!xfr.isAXFR()) {
            throw new ProviderException(prefix(zone) + "AXFR answered with an incremental transfer", true, 0, null);
        }
        return RecordCodec.toRecordSets(xfr.getAXFR());
    }

    @Override
    public void apply(ZoneChanges changes) throws ProviderException {
        if (changes.isEmpty()) {
            return;
        }
        String zone = changes.zone();
        Name zoneName = zoneName(zone);
        List<Batch> batches = batches(zone, changes.ordered());
        int applied = 0;
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            Update update = new Update(zoneName, DClass.IN);
            batch.prerequisites.forEach(r -> update.addRecord(r, Section.PREREQ));
            batch.updates.forEach(r -> update.addRecord(r, Section.UPDATE));
            String what = "UPDATE " + (i + 1) + " of " + batches.size() + " (" + batch.changes.size()
                + " record sets)";
            Message response;
            try {
                response = resolver().send(update);
            } catch (IOException e) {
                throw new ProviderException(prefix(zone) + what + " failed: " + ioReason(e) + appliedNote(applied),
                    true, applied, e);
            }
            check(zone, what, batch, response, applied);
            applied += batch.changes.size();
        }
    }

    /** Splits the ordered changes into messages bounded by count and (conservatively, uncompressed) by size. */
    private List<Batch> batches(String zone, List<Change> ordered) throws ProviderException {
        List<Batch> out = new ArrayList<>();
        Batch current = new Batch();
        for (Change change : ordered) {
            RecordSet subject = change.subject();
            if (!RecordData.inZone(subject.name(), zone)) {
                throw new ProviderException(prefix(zone) + subject.id() + " is outside the zone; nothing applied",
                    false, 0, null);
            }
            List<Record> prereq = new ArrayList<>();
            List<Record> updates = new ArrayList<>();
            try {
                Name name = RecordCodec.absolute(subject.name());
                int type = RecordCodec.type(subject.type());
                switch (change.kind()) {
                    case CREATE -> {
                        prereq.add(Record.newRecord(name, type, DClass.NONE, 0));
                        updates.addAll(RecordCodec.toRecords(change.after(), change.after().ttl()));
                    }
                    case UPDATE -> {
                        prereq.addAll(presence(change.before(), name, type));
                        updates.add(Record.newRecord(name, type, DClass.ANY, 0));
                        updates.addAll(RecordCodec.toRecords(change.after(), change.after().ttl()));
                    }
                    case DELETE -> {
                        prereq.addAll(presence(change.before(), name, type));
                        updates.add(Record.newRecord(name, type, DClass.ANY, 0));
                    }
                    default -> throw new IllegalStateException();
                }
            } catch (IllegalArgumentException e) {
                throw new ProviderException(prefix(zone) + e.getMessage() + "; nothing applied", false, 0, null);
            }
            int size = 0;
            for (Record r : prereq) {
                size += r.toWire(Section.PREREQ).length;
            }
            for (Record r : updates) {
                size += r.toWire(Section.UPDATE).length;
            }
            if (size > MESSAGE_LIMIT) {
                throw new ProviderException(prefix(zone) + subject.id() + " does not fit in one DNS message (" + size
                    + " octets); nothing applied", false, 0, null);
            }
            if (!current.changes.isEmpty() && (current.changes.size() >= config.maxRecordSetsPerMessage()
                || current.size + size > MESSAGE_LIMIT)) {
                out.add(current);
                current = new Batch();
            }
            current.changes.add(change);
            current.prerequisites.addAll(prereq);
            current.updates.addAll(updates);
            current.size += size;
        }
        if (!current.changes.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * §2.4.2 "RRset exists (value dependent)": every record of the set as read, TTL 0. An empty set read as existing
     * cannot be expressed; it falls back to §2.4.1 "RRset exists (value independent)".
     */
    private static List<Record> presence(RecordSet before, Name name, int type) {
        if (before == null || before.targets().isEmpty()) {
            return List.of(Record.newRecord(name, type, DClass.ANY, 0));
        }
        return RecordCodec.toRecords(before, 0);
    }

    private void check(String zone, String what, Batch batch, Message response, int applied)
        throws ProviderException {
        int rcode = response.getRcode();
        TSIGRecord tsigRecord = response.getTSIG();
        int tsigError = tsigRecord == null ? Rcode.NOERROR : tsigRecord.getError();
        String subject = batch.changes.size() == 1 ? batch.changes.get(0).subject().id() : null;
        switch (rcode) {
            case Rcode.NOERROR -> {
                if (!response.isVerified()) {
                    throw new ProviderException(prefix(zone) + what + ": the answer's TSIG signature did not verify"
                        + " (is key " + config.keyName() + " the server's?)" + appliedNote(applied), false, applied,
                        null);
                }
            }
            case Rcode.YXRRSET, Rcode.NXRRSET -> throw new ProviderConflictException(prefix(zone) + what
                + " rejected, prerequisite failed (" + Rcode.string(rcode) + "): "
                + (subject != null ? subject : "a record set of this message")
                + " changed since the zone was read; nothing of this message applied" + appliedNote(applied),
                subject, applied);
            case Rcode.NOTAUTH -> {
                if (tsigError != Rcode.NOERROR) {
                    throw new ProviderException(prefix(zone) + what + " rejected: TSIG " + Rcode.TSIGstring(tsigError)
                        + tsigHint(tsigError) + appliedNote(applied), false, applied, null);
                }
                throw new ProviderException(prefix(zone) + what + " rejected: NOTAUTH (the server is not"
                    + " authoritative for the zone)" + appliedNote(applied), false, applied, null);
            }
            case Rcode.REFUSED -> throw new ProviderException(prefix(zone) + what + " rejected: REFUSED (key "
                + config.keyName() + " may not update this zone, the server does not serve it, or it refused the data:"
                + " see the server's log)"
                + appliedNote(applied), false, applied, null);
            case Rcode.SERVFAIL -> throw new ProviderException(prefix(zone) + what + " failed: SERVFAIL"
                + appliedNote(applied), true, applied, null);
            default -> throw new ProviderException(prefix(zone) + what + " rejected: " + Rcode.string(rcode)
                + appliedNote(applied), false, applied, null);
        }
    }

    private String tsigHint(int tsigError) {
        return switch (tsigError) {
            case Rcode.BADSIG -> " (the secret of key " + config.keyName() + " does not match the server's)";
            case Rcode.BADKEY -> " (the server does not know key " + config.keyName() + " with algorithm "
                + config.keyAlgorithm() + ")";
            case Rcode.BADTIME -> " (the clocks of this host and the server differ by more than the fudge)";
            default -> "";
        };
    }

    /**
     * Why an AXFR was refused: ZoneTransferIn reports only the RCODE, so a TSIG-signed SOA query tells a key problem
     * (the answer's TSIG error) from a zone the server does not serve.
     */
    private String diagnose(Name zoneName, String why) {
        if (why.contains("NOTAUTH") || why.contains("REFUSED")) {
            try {
                Message query = Message.newQuery(Record.newRecord(zoneName, Type.SOA, DClass.IN));
                Message answer = resolver().send(query);
                TSIGRecord t = answer.getTSIG();
                if (t != null && t.getError() != Rcode.NOERROR) {
                    return ", TSIG " + Rcode.TSIGstring(t.getError()) + tsigHint(t.getError());
                }
                if (answer.getRcode() == Rcode.NOERROR && !answer.getHeader().getFlag(org.xbill.DNS.Flags.AA)
                    || answer.getRcode() == Rcode.REFUSED || answer.getRcode() == Rcode.NOTAUTH) {
                    return " (the server does not serve the zone)";
                }
                if (answer.getRcode() == Rcode.NOERROR) {
                    return " (key " + config.keyName() + " may not transfer this zone)";
                }
            } catch (IOException | RuntimeException e) {
                // fall back to the RCODE alone
            }
        }
        return hint(why);
    }

    private String hint(String why) {
        if (why.contains("BADSIG")) {
            return tsigHint(Rcode.BADSIG);
        }
        if (why.contains("BADKEY")) {
            return tsigHint(Rcode.BADKEY);
        }
        if (why.contains("BADTIME")) {
            return tsigHint(Rcode.BADTIME);
        }
        if (why.contains("NOTAUTH")) {
            return " (the key is not accepted, or the server is not authoritative for the zone)";
        }
        if (why.contains("REFUSED")) {
            return " (key " + config.keyName() + " may not transfer this zone)";
        }
        return "";
    }

    private static String appliedNote(int applied) {
        return applied == 0 ? "" : "; " + applied + " record sets applied before it";
    }

    private static String ioReason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private SimpleResolver resolver() {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(config.host(), config.port()));
        resolver.setTSIGKey(tsig);
        resolver.setTimeout(config.timeout());
        resolver.setTCP(config.tcp());
        return resolver;
    }

    private Name zoneName(String zone) throws ProviderException {
        if (zone == null || zone.isEmpty()) {
            throw new ProviderException(describe() + ": empty zone name", false, 0, null);
        }
        try {
            return RecordCodec.absolute(zone);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(describe() + ": " + e.getMessage(), false, 0, null);
        }
    }

    private String prefix(String zone) {
        return describe() + " zone " + zone + ": ";
    }

    @Override
    public String describe() {
        return "rfc2136 " + config.host() + ':' + config.port();
    }

    @Override
    public void close() {
        // no connection is kept between calls
    }

    @Override
    public String toString() {
        return "Rfc2136Provider[" + config + ']';
    }

    /** Records of one UPDATE message. */
    private static final class Batch {
        final List<Change> changes = new ArrayList<>();
        final List<Record> prerequisites = new ArrayList<>();
        final List<Record> updates = new ArrayList<>();
        int size;
    }
}
