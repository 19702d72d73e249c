package io.capstan.dns.plan;

import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.provider.RecordSet;

import java.util.List;

/**
 * What a pass decided for one hostname asked by one source (a name claimed by two resources gets two outcomes).
 *
 * @param hostname the normalised hostname, or the name as given (stripped, lowercased) when it is invalid
 * @param zone     the zone the name belongs to, null when none
 * @param source   the resource that asked for it
 * @param state    Published, Pending, Conflict or Error
 * @param reason   CamelCase reason, see {@link Reasons}
 * @param message  a sentence for people, naming what is wrong and what to do
 * @param records  the record sets of this name as they will be after the zone changes are applied (Published /
 *                 Pending), data only (no markers); empty for Conflict and Error
 * @param holder   for Conflict, who holds the name (null for {@link Reasons#NOT_OWNED})
 * @param changed  true when this pass's {@link io.capstan.dns.provider.ZoneChanges} touch this name: Published then
 *                 holds only once they were applied (report Pending / ProviderError if applying fails)
 */
public record HostnameOutcome(String hostname, String zone, SourceRef source, OutcomeState state, String reason,
                              String message, List<RecordSet> records, Holder holder, boolean changed) {

    public HostnameOutcome {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
