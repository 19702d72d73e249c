package io.capstan.orchestrator.problem;

import java.util.List;

/**
 * Query parameters read as strings and checked here, so that a bad value is a 422 problem naming the parameter
 * ({@code errors[{field: <parameter>}]}) instead of the JAX-RS conversion failure (a bare 404). Pure.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * Parses a page size.
     *
     * @param name  the parameter name, used as {@code errors[].field}
     * @param raw   the raw value, null or blank for the default
     * @param dflt  the value when absent
     * @param max   the largest accepted value (the smallest is 1)
     * @return the size, 1..max
     * @throws ProblemException 422 when {@code raw} is not a decimal integer in 1..max
     */
    public static int limit(String name, String raw, int dflt, int max) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        String s = raw.strip();
        if (s.length() <= 9 && s.matches("-?[0-9]+")) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= max) {
                return n;
            }
        }
        throw invalid(name, "must be an integer from 1 to " + max);
    }

    /** A 422 problem naming one bad query parameter. */
    public static ProblemException invalid(String name, String message) {
        return new ProblemException(ProblemKind.INVALID_FIELDS, "Bad query parameter '" + name + "'.",
                List.of(new FieldError(name, message)));
    }
}
