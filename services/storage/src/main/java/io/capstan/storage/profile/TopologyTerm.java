package io.capstan.storage.profile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One term of a StorageClass's {@code allowedTopologies} (Kubernetes API {@code core/v1 TopologySelectorTerm}): every
 * requirement must hold. Values are plain strings; no fabric8 type appears here.
 *
 * @param matchLabelExpressions label key to the allowed values ({@code TopologySelectorLabelRequirement}), sorted by
 *                              key so that two equal terms compare equal
 */
public record TopologyTerm(Map<String, List<String>> matchLabelExpressions) {

    public TopologyTerm {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        if (matchLabelExpressions != null) {
            matchLabelExpressions.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        matchLabelExpressions = java.util.Collections.unmodifiableMap(copy);
    }
}
