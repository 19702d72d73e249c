package io.capstan.certificates.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code certificates} section of a profile (schema: {@link CertificatesProfile}). Pure: JSON
 * in, value out. Strict: an unknown key is an error, so a typo never silently falls back to a default. The section
 * names Secrets by reference only; it never holds key material (profiles travel on {@code capstan.clusters}).
 */
public final class ProfileParser {

    /** DNS-1123 subdomain (Kubernetes object names), at most 253 characters. */
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A domain as the profile writes it: DNS labels, {@code {cluster}} allowed in place of a label part. */
    private static final Pattern DOMAIN =
            Pattern.compile("([a-z0-9{}]([-a-z0-9{}]*[a-z0-9{}])?)(\\.[a-z0-9{}]([-a-z0-9{}]*[a-z0-9{}])?)*");

    private static final Set<String> TOP_KEYS = Set.of("baseZone", "allowedDomains", "issuers");
    private static final Set<String> ISSUER_KEYS = Set.of("name", "ca", "selfSigned", "acme");
    private static final Set<String> CA_KEYS = Set.of("secretName");
    private static final Set<String> ACME_KEYS = Set.of("server", "email", "accountKeySecretName", "trustSecretName");

    private ProfileParser() {
    }

    /**
     * Parses the section.
     *
     * @param section the profile's {@code certificates} JSON (null, missing or an empty object: {@link CertificatesProfile#EMPTY})
     * @return the validated profile; the input is not changed
     * @throws InvalidProfileException naming the first bad field
     */
    public static CertificatesProfile parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return CertificatesProfile.EMPTY;
        }
        if (!section.isObject()) {
            throw new InvalidProfileException("certificates", "must be an object");
        }
        unknownKeys(section, TOP_KEYS, "certificates");
        String baseZone = null;
        if (present(section, "baseZone")) {
            baseZone = domain(section.get("baseZone"), "certificates.baseZone");
            if (baseZone.contains("{")) {
                throw new InvalidProfileException("certificates.baseZone", "must not contain {cluster}");
            }
        }
        List<String> allowed = new ArrayList<>();
        if (present(section, "allowedDomains")) {
            JsonNode arr = section.get("allowedDomains");
            if (!arr.isArray()) {
                throw new InvalidProfileException("certificates.allowedDomains", "must be an array of domains");
            }
            for (int i = 0; i < arr.size(); i++) {
                String path = "certificates.allowedDomains[" + i + "]";
                String d = domain(arr.get(i), path);
                String stripped = d.replace("{cluster}", "x");
                if (stripped.contains("{") || stripped.contains("}")) {
                    throw new InvalidProfileException(path, "only {cluster} may be substituted, got '" + d + "'");
                }
                allowed.add(d);
            }
        }
        Map<String, FleetIssuer> issuers = new LinkedHashMap<>();
        if (present(section, "issuers")) {
            JsonNode arr = section.get("issuers");
            if (!arr.isArray()) {
                throw new InvalidProfileException("certificates.issuers", "must be an array");
            }
            for (int i = 0; i < arr.size(); i++) {
                String path = "certificates.issuers[" + i + "]";
                FleetIssuer issuer = issuer(arr.get(i), path);
                if (issuers.putIfAbsent(issuer.name(), issuer) != null) {
                    throw new InvalidProfileException(path + ".name", "duplicate issuer name '" + issuer.name() + "'");
                }
            }
        }
        return new CertificatesProfile(baseZone, allowed, issuers);
    }

    private static FleetIssuer issuer(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new InvalidProfileException(path, "must be an object");
        }
        unknownKeys(n, ISSUER_KEYS, path);
        if (!present(n, "name")) {
            throw new InvalidProfileException(path + ".name", "is required");
        }
        String name = name(n.get("name"), path + ".name");
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("ca", "selfSigned", "acme")) {
            if (present(n, k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            throw new InvalidProfileException(path, "needs exactly one of ca, selfSigned, acme; got " + kinds);
        }
        String kind = kinds.get(0);
        JsonNode body = n.get(kind);
        if (!body.isObject()) {
            throw new InvalidProfileException(path + "." + kind, "must be an object");
        }
        return switch (kind) {
            case "ca" -> {
                unknownKeys(body, CA_KEYS, path + ".ca");
                if (!present(body, "secretName")) {
                    throw new InvalidProfileException(path + ".ca.secretName", "is required");
                }
                yield new FleetIssuer.Ca(name, name(body.get("secretName"), path + ".ca.secretName"));
            }
            case "selfSigned" -> {
                unknownKeys(body, Set.of(), path + ".selfSigned");
                yield new FleetIssuer.SelfSigned(name);
            }
            default -> {
                unknownKeys(body, ACME_KEYS, path + ".acme");
                if (!present(body, "server")) {
                    throw new InvalidProfileException(path + ".acme.server", "is required");
                }
                URI server = https(body.get("server"), path + ".acme.server");
                String email = null;
                if (present(body, "email")) {
                    email = text(body.get("email"), path + ".acme.email");
                    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                        throw new InvalidProfileException(path + ".acme.email", "must be an e-mail address, got '" + email + "'");
                    }
                }
                String accountKey = present(body, "accountKeySecretName")
                        ? name(body.get("accountKeySecretName"), path + ".acme.accountKeySecretName")
                        : name + "-acme-account";
                String trust = present(body, "trustSecretName")
                        ? name(body.get("trustSecretName"), path + ".acme.trustSecretName") : null;
                yield new FleetIssuer.Acme(name, server, email, accountKey, trust);
            }
        };
    }

    private static URI https(JsonNode n, String path) {
        String s = text(n, path);
        try {
            URI u = new URI(s);
            if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new InvalidProfileException(path, "must be an https URL, got '" + s + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidProfileException(path, "must be an https URL, got '" + s + "'");
        }
    }

    private static String domain(JsonNode n, String path) {
        String s = text(n, path);
        String d = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (!d.equals(d.toLowerCase(Locale.ROOT))) {
            throw new InvalidProfileException(path, "must be lowercase, got '" + s + "'");
        }
        if (d.length() > 253 || !DOMAIN.matcher(d).matches() || !d.contains(".")) {
            throw new InvalidProfileException(path, "must be a domain name with at least two labels, got '" + s + "'");
        }
        return d;
    }

    private static String name(JsonNode n, String path) {
        String s = text(n, path);
        if (s.length() > 253 || !DNS1123_SUBDOMAIN.matcher(s).matches()) {
            throw new InvalidProfileException(path, "must be a DNS-1123 subdomain, got '" + s + "'");
        }
        return s;
    }

    private static String text(JsonNode n, String path) {
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new InvalidProfileException(path, "must be a non-empty string");
        }
        return n.asText();
    }

    private static boolean present(JsonNode n, String key) {
        return n.has(key) && !n.get(key).isNull();
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String path) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new InvalidProfileException(path + "." + k, "unknown key (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }
}
