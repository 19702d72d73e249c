package io.capstan.orchestrator.cluster;

import io.capstan.model.cluster.Infrastructure;
import io.capstan.orchestrator.problem.FieldError;
import io.capstan.orchestrator.problem.ProblemException;
import io.capstan.orchestrator.problem.ProblemKind;
import io.capstan.orchestrator.problem.QueryParams;
import io.capstan.orchestrator.status.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checked query of {@code GET /api/v1/clusters}. Pure. Every parameter is validated before the database is
 * asked, so that no value (a NUL byte, say) reaches PostgreSQL; each bad one is named in a 422 problem.
 *
 * @param infrastructure wire name ({@link Infrastructure#wireName()}) or null
 * @param labelKey       label key ({@link Labels}) or null
 * @param labelValue     label value, or null when only the key's presence is asked
 * @param phase          phase or null
 * @param limit          page size, 1..{@link #MAX_LIMIT}
 * @param continueFrom   last name of the previous page (a DNS-1123 label, {@link ClusterName}) or null
 */
public record ListQuery(String infrastructure, String labelKey, String labelValue, Phase phase, int limit, String continueFrom) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size. */
    public static final int MAX_LIMIT = 500;

    /**
     * Checks the raw parameters (null or blank = absent).
     *
     * @param label {@code key=value} or {@code key}
     * @throws ProblemException 422 with one {@code errors[]} entry per bad parameter, field = the parameter name
     */
    public static ListQuery parse(String infrastructure, String label, String phase, String limit, String continueFrom) {
        List<FieldError> errors = new ArrayList<>();
        String infra = blankToNull(infrastructure);
        if (infra != null) {
            try {
                Infrastructure.fromWire(infra);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("infrastructure", "must be one of openstack, eks, aks, gke, private, standalone"));
                infra = null;
            }
        }
        String key = null;
        String value = null;
        String l = blankToNull(label);
        if (l != null) {
            int eq = l.indexOf('=');
            key = eq < 0 ? l : l.substring(0, eq);
            value = eq < 0 ? null : l.substring(eq + 1);
            Optional<String> p = Labels.keyProblem(key).or(() -> eq < 0 ? Optional.empty() : Labels.valueProblem(l.substring(eq + 1)));
            if (p.isPresent()) {
                errors.add(new FieldError("label", "must be key=value or key: " + p.get()));
            }
        }
        Phase ph = null;
        String phs = blankToNull(phase);
        if (phs != null) {
            try {
                ph = Phase.valueOf(phs);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("phase", "must be one of Pending, Provisioning, Ready, Degraded, Unreachable, Deleting"));
            }
        }
        int n = DEFAULT_LIMIT;
        try {
            n = QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        String cont = blankToNull(continueFrom);
        if (cont != null) {
            ClusterName.problem(cont).ifPresent(p -> errors.add(new FieldError("continue", "must be a token from a previous page (a cluster name)")));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemKind.INVALID_FIELDS, "Bad query parameter.", errors);
        }
        return new ListQuery(infra, key, value, ph, n, cont);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
