package io.capstan.gateways.ipam;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Kubernetes label selector (meta/v1 LabelSelector: {@code matchLabels} and {@code matchExpressions} with the
 * operators {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}), evaluated in memory. All terms must hold;
 * an empty selector matches everything.
 *
 * @param matchLabels      exact label values
 * @param matchExpressions expressions
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    /**
     * One expression.
     *
     * @param key      label key
     * @param operator In, NotIn, Exists or DoesNotExist
     * @param values   values (non-empty for In and NotIn, empty for the others)
     */
    public record Requirement(String key, String operator, Set<String> values) {
        /** The operators of meta/v1 LabelSelectorRequirement. */
        public static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

        public Requirement {
            Objects.requireNonNull(key, "key");
            if (!OPERATORS.contains(operator)) {
                throw new IllegalArgumentException("unknown selector operator '" + operator + "' (In, NotIn, Exists, DoesNotExist)");
            }
            values = values == null ? Set.of() : Set.copyOf(values);
            if ((operator.equals("In") || operator.equals("NotIn")) && values.isEmpty()) {
                throw new IllegalArgumentException("operator " + operator + " of key " + key + " needs values");
            }
            if ((operator.equals("Exists") || operator.equals("DoesNotExist")) && !values.isEmpty()) {
                throw new IllegalArgumentException("operator " + operator + " of key " + key + " takes no values");
            }
        }

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                default -> v == null;
            };
        }
    }

    /** True when every term holds for the labels (null labels = none). */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(l.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(l)) {
                return false;
            }
        }
        return true;
    }
}
