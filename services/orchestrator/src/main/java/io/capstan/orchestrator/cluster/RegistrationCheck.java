package io.capstan.orchestrator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.orchestrator.kubeconfig.KubeconfigCheck;
import io.capstan.orchestrator.problem.FieldError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the JSON body of {@code POST /api/v1/clusters} field by field, so a 422 problem names every bad field
 * at once. Pure: JSON in, a {@link Registration} or the list of field errors out.
 */
public final class RegistrationCheck {

    /** The fields a registration may carry. */
    public static final Set<String> FIELDS = Set.of("name", "infrastructure", "profile", "kubeconfig", "labels", "site");
    /** Profile used when the request names none. */
    public static final String DEFAULT_PROFILE = "default";

    private RegistrationCheck() {
    }

    /**
     * The outcome: exactly one of {@code registration} and a non-empty {@code errors}.
     *
     * @param registration the valid request, or null
     * @param errors       the invalid fields in body order, empty when valid
     */
    public record Result(Registration registration, List<FieldError> errors) {
        /** True when the request is valid. */
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks a registration body.
     *
     * @param body the parsed JSON body; must be an object (the caller answers 400 otherwise)
     */
    public static Result check(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "unknown field; accepted: name, infrastructure, profile, kubeconfig, labels, site"));
            }
        }
        String name = text(body, "name", errors, true);
        if (name != null) {
            ClusterName.problem(name).ifPresent(p -> errors.add(new FieldError("name", "name " + p)));
        }
        Infrastructure infrastructure = null;
        String infra = text(body, "infrastructure", errors, true);
        if (infra != null) {
            try {
                infrastructure = Infrastructure.fromWire(infra);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("infrastructure", "infrastructure must be one of openstack, eks, aks, gke, private, standalone"));
            }
        }
        String profile = text(body, "profile", errors, false);
        if (profile == null && !errors.stream().anyMatch(e -> e.field().equals("profile"))) {
            profile = DEFAULT_PROFILE;
        } else if (profile != null) {
            ClusterName.problem(profile).ifPresent(p -> errors.add(new FieldError("profile", "profile " + p)));
        }
        String kubeconfig = null;
        JsonNode kc = body.get("kubeconfig");
        if (kc == null || kc.isNull()) {
            errors.add(new FieldError("kubeconfig", "kubeconfig is required"));
        } else if (!kc.isTextual()) {
            errors.add(new FieldError("kubeconfig", "kubeconfig must be a string holding the kubeconfig YAML"));
        } else {
            kubeconfig = kc.textValue();
            KubeconfigCheck.problem(kubeconfig).ifPresent(p -> errors.add(new FieldError("kubeconfig", p)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = body.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                errors.add(new FieldError("labels", "labels must be an object of string values"));
            } else {
                l.fields().forEachRemaining(e -> {
                    String field = "labels." + e.getKey();
                    Labels.keyProblem(e.getKey()).ifPresent(p -> errors.add(new FieldError(field, p)));
                    if (!e.getValue().isTextual()) {
                        errors.add(new FieldError(field, "label value must be a string"));
                    } else {
                        Labels.valueProblem(e.getValue().textValue()).ifPresent(p -> errors.add(new FieldError(field, p)));
                        labels.put(e.getKey(), e.getValue().textValue());
                    }
                });
            }
        }
        String site = text(body, "site", errors, false);
        if (site != null && (site.length() > 253 || site.isBlank())) {
            errors.add(new FieldError("site", "site must be 1 to 253 characters"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new Registration(name, infrastructure, profile, kubeconfig, labels, site), List.of());
    }

    private static String text(JsonNode body, String field, List<FieldError> errors, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(field, field + " is required"));
            }
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(field, field + " must be a string"));
            return null;
        }
        return n.textValue();
    }
}
