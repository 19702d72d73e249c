package io.capstan.orchestrator.cluster;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes label syntax (k8s.io/apimachinery {@code IsQualifiedName} and {@code IsValidLabelValue}): a key is an
 * optional DNS-1123 subdomain prefix (at most 253 characters) and '/', then a name of at most 63 characters of
 * alphanumerics, '-', '_' and '.', starting and ending alphanumeric; a value is empty or such a name.
 */
public final class Labels {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Labels() {
    }

    /** Why {@code key} is not a label key, or empty. */
    public static Optional<String> keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("label key must not be empty");
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("label key prefix must be a DNS-1123 subdomain");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return Optional.of("label key name must be 1-63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric");
        }
        return Optional.empty();
    }

    /** Why {@code value} is not a label value, or empty. */
    public static Optional<String> valueProblem(String value) {
        if (value == null) {
            return Optional.of("label value must be a string");
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 63 || !NAME.matcher(value).matches()) {
            return Optional.of("label value must be at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric");
        }
        return Optional.empty();
    }
}
