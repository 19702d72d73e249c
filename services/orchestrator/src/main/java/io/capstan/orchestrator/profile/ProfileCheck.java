package io.capstan.orchestrator.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.orchestrator.problem.FieldError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates the body of {@code PUT /api/v1/profiles/{name}}: {@code {"spec": {...}}} where spec is a JSON object
 * that inlines no secret. A profile is published on {@code capstan.clusters} to every service, so secrets must be
 * named by reference (a key ending in {@code Ref}, {@code SecretRef} or {@code SecretName}), never inlined: a key
 * that names secret material ({@link #SECRET_WORDS}) is refused, and so is any text value holding a PEM private key
 * (RFC 7468 {@code -----BEGIN ... PRIVATE KEY-----}) whatever its key.
 *
 * <p>Pure: JSON in, field errors out.
 */
public final class ProfileCheck {

    /**
     * Key fragments (lowercase, without '-', '_' and '.') that mark inlined secret material; a key ending in
     * {@code secret} does too.
     */
    public static final List<String> SECRET_WORDS =
            List.of("kubeconfig", "password", "passwd", "token", "privatekey", "apikey", "clientkeydata", "secretkey",
                    "tsigkey", "hmackey");

    private static final java.util.regex.Pattern PEM_PRIVATE_KEY =
            java.util.regex.Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    private ProfileCheck() {
    }

    /**
     * The field errors of a profile body; empty when it is valid.
     *
     * @param body parsed JSON body, an object (the caller answers 400 otherwise)
     * @return errors with JSON paths such as {@code spec.dns.rfc2136.tsigPassword}
     */
    public static List<FieldError> check(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("spec")) {
                errors.add(new FieldError(f, "unknown field; accepted: spec"));
            }
        }
        JsonNode spec = body.get("spec");
        if (spec == null || spec.isNull()) {
            errors.add(new FieldError("spec", "spec is required"));
        } else if (!spec.isObject()) {
            errors.add(new FieldError("spec", "spec must be a JSON object"));
        } else {
            walk(spec, "spec", errors);
        }
        return errors;
    }

    /** True when a key names secret material rather than a reference to it. */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
        if (k.endsWith("ref") || k.endsWith("secretname") || k.endsWith("secretref")) {
            return false;
        }
        if (k.endsWith("secret")) { // secret, tsigSecret, clientSecret; not secretName, secret-namespace
            return true;
        }
        for (String w : SECRET_WORDS) {
            if (k.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static void walk(JsonNode node, String path, List<FieldError> errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                if (isSecretKey(e.getKey())) {
                    errors.add(new FieldError(p, "profiles must not inline secrets; name a Secret by reference (for example '"
                            + e.getKey() + "SecretRef') instead"));
                }
                walk(e.getValue(), p, errors);
            }
        } else if (node.isTextual() && PEM_PRIVATE_KEY.matcher(node.asText()).find()) {
            errors.add(new FieldError(path, "profiles must not inline secrets: this value holds a PEM private key; store it"
                    + " in a Secret of the management cluster and name that Secret instead"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }
}
