package io.capstan.dns.plan;

import io.capstan.dns.provider.ZoneChanges;

import java.util.List;
import java.util.Optional;

/**
 * The result of one planning pass of one owner.
 *
 * @param changes  one entry per zone that has something to change (never an empty zone name, never an empty change)
 * @param outcomes one entry per (hostname, source) asked, sorted by hostname then source
 */
public record Plan(List<ZoneChanges> changes, List<HostnameOutcome> outcomes) {

    public Plan {
        changes = List.copyOf(changes);
        outcomes = List.copyOf(outcomes);
    }

    /** The changes of one zone, if any. */
    public Optional<ZoneChanges> changesFor(String zone) {
        return changes.stream().filter(c -> c.zone().equals(zone)).findFirst();
    }

    /** True when no zone changes. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The outcomes of one hostname. */
    public List<HostnameOutcome> outcomesFor(String hostname) {
        return outcomes.stream().filter(o -> o.hostname().equals(hostname)).toList();
    }
}
