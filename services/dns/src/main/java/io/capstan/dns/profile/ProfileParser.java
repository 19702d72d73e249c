package io.capstan.dns.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.dns.plan.Policy;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code dns} section of a profile (format: {@link DnsProfile}). Pure: JSON in, value out.
 * Strict: an unknown key is an error, so a typo never silently falls back to a default.
 */
public final class ProfileParser {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([-a-z0-9_]{0,61}[a-z0-9_])?");
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[-A-Za-z0-9.]+):(\\d{1,5})");
    private static final Pattern AFFIX = Pattern.compile("[-a-z0-9_.]{0,60}");
    private static final Set<String> TOP = Set.of("zones", "baseZone", "extraDomains", "provider", "ownerId",
            "txtPrefix", "txtSuffix", "wildcardReplacement", "policy", "multiCluster", "defaultTtl");
    private static final Set<String> PROVIDER = Set.of("type", "server", "tsig", "apiKeySecretRef", "serverId");
    private static final Set<String> TSIG = Set.of("keyName", "algorithm", "secretRef");
    private static final Set<String> REF = Set.of("name", "key");
    private static final Set<String> ALGORITHMS = Set.of("hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224",
            "hmac-sha1");

    private ProfileParser() {
    }

    /**
     * Parses the section.
     *
     * @param section the profile's {@code dns} JSON; null, missing or {@code {}} means {@link DnsProfile#EMPTY}
     * @return the validated section; the input is not changed
     * @throws InvalidProfileException naming the first bad field
     */
    public static DnsProfile parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode() || (section.isObject() && section.isEmpty())) {
            return DnsProfile.EMPTY;
        }
        if (!section.isObject()) {
            throw new InvalidProfileException("dns", "must be an object");
        }
        unknown(section, TOP, "dns");
        List<String> zones = names(section, "zones", "dns.zones");
        String baseZone = present(section, "baseZone") ? domain(section.get("baseZone"), "dns.baseZone")
                : zones.isEmpty() ? null : zones.get(0);
        if (baseZone != null && !zones.contains(baseZone)) {
            throw new InvalidProfileException("dns.baseZone", "'" + baseZone + "' is not one of dns.zones " + zones);
        }
        List<String> extra = names(section, "extraDomains", "dns.extraDomains");
        for (int i = 0; i < extra.size(); i++) {
            String d = extra.get(i);
            if (zones.stream().noneMatch(z -> DnsProfile.within(d, z))) {
                throw new InvalidProfileException("dns.extraDomains[" + i + "]", "'" + d + "' lies in none of dns.zones " + zones);
            }
        }
        ProviderSpec provider = present(section, "provider") ? provider(section.get("provider")) : ProviderSpec.MEMORY;
        String owner = null;
        if (present(section, "ownerId")) {
            owner = text(section.get("ownerId"), "dns.ownerId");
            if (owner.length() > 63 || !owner.matches("[-A-Za-z0-9_.]+")) {
                throw new InvalidProfileException("dns.ownerId", "must be 1 to 63 characters of letters, digits, '-', '_', '.'");
            }
        }
        String prefix = affix(section, "txtPrefix");
        String suffix = affix(section, "txtSuffix");
        String wildcard = affix(section, "wildcardReplacement");
        if (wildcard.contains(".")) {
            throw new InvalidProfileException("dns.wildcardReplacement", "must be one label (no '.')");
        }
        Policy policy = Policy.SYNC;
        if (present(section, "policy")) {
            String p = text(section.get("policy"), "dns.policy");
            policy = java.util.Arrays.stream(Policy.values()).filter(v -> v.wire().equals(p)).findFirst()
                    .orElseThrow(() -> new InvalidProfileException("dns.policy",
                            "must be sync, upsert-only or create-only, got '" + p + "'"));
        }
        boolean multi = false;
        if (present(section, "multiCluster")) {
            if (!section.get("multiCluster").isBoolean()) {
                throw new InvalidProfileException("dns.multiCluster", "must be true or false");
            }
            multi = section.get("multiCluster").asBoolean();
        }
        long ttl = DnsProfile.DEFAULT_TTL;
        if (present(section, "defaultTtl")) {
            JsonNode t = section.get("defaultTtl");
            if (!t.canConvertToLong() || !t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > Integer.MAX_VALUE) {
                throw new InvalidProfileException("dns.defaultTtl", "must be a whole number of seconds, 1 to 2147483647");
            }
            ttl = t.asLong();
        }
        return new DnsProfile(zones, baseZone, extra, provider, owner, prefix, suffix, wildcard, policy, multi, ttl);
    }

    private static ProviderSpec provider(JsonNode p) {
        if (!p.isObject()) {
            throw new InvalidProfileException("dns.provider", "must be an object");
        }
        unknown(p, PROVIDER, "dns.provider");
        String type = present(p, "type") ? text(p.get("type"), "dns.provider.type") : "memory";
        switch (type) {
            case "memory" -> {
                for (String k : List.of("server", "tsig", "apiKeySecretRef", "serverId")) {
                    if (present(p, k)) {
                        throw new InvalidProfileException("dns.provider." + k, "is not used by the memory provider");
                    }
                }
                return ProviderSpec.MEMORY;
            }
            case "rfc2136" -> {
                if (present(p, "apiKeySecretRef") || present(p, "serverId")) {
                    throw new InvalidProfileException("dns.provider." + (present(p, "serverId") ? "serverId" : "apiKeySecretRef"),
                            "is for the pdns provider; rfc2136 uses tsig");
                }
                String server = hostPort(p, "dns.provider.server");
                if (!present(p, "tsig")) {
                    throw new InvalidProfileException("dns.provider.tsig", "is required: updates are TSIG-signed"
                            + " (RFC 8945) with {keyName, algorithm, secretRef}");
                }
                JsonNode t = p.get("tsig");
                if (!t.isObject()) {
                    throw new InvalidProfileException("dns.provider.tsig", "must be an object {keyName, algorithm, secretRef}");
                }
                unknown(t, TSIG, "dns.provider.tsig");
                if (!present(t, "keyName")) {
                    throw new InvalidProfileException("dns.provider.tsig.keyName", "is required");
                }
                String keyName = domain(t.get("keyName"), "dns.provider.tsig.keyName");
                String alg = present(t, "algorithm") ? text(t.get("algorithm"), "dns.provider.tsig.algorithm")
                        .toLowerCase(Locale.ROOT) : "hmac-sha256";
                if (!ALGORITHMS.contains(alg)) {
                    throw new InvalidProfileException("dns.provider.tsig.algorithm", "must be one of "
                            + new TreeSet<>(ALGORITHMS) + ", got '" + alg + "'");
                }
                if (!present(t, "secretRef")) {
                    throw new InvalidProfileException("dns.provider.tsig.secretRef", "is required ({name, key} of a Secret"
                            + " in the management namespace)");
                }
                return new ProviderSpec(ProviderSpec.Type.RFC2136, server, keyName, alg,
                        ref(t.get("secretRef"), "dns.provider.tsig.secretRef"), null);
            }
            case "pdns" -> {
                if (present(p, "tsig")) {
                    throw new InvalidProfileException("dns.provider.tsig", "is for the rfc2136 provider; pdns uses apiKeySecretRef");
                }
                String server = text(p.path("server").isMissingNode() ? null : p.get("server"), "dns.provider.server");
                if (!server.matches("https?://[-A-Za-z0-9.\\[\\]:]+(/[-A-Za-z0-9._/]*)?")) {
                    throw new InvalidProfileException("dns.provider.server", "must be the API URL http(s)://host:port, got '"
                            + server + "'");
                }
                if (!present(p, "apiKeySecretRef")) {
                    throw new InvalidProfileException("dns.provider.apiKeySecretRef", "is required for pdns");
                }
                String serverId = present(p, "serverId") ? text(p.get("serverId"), "dns.provider.serverId") : "localhost";
                return new ProviderSpec(ProviderSpec.Type.PDNS, server, null, null,
                        ref(p.get("apiKeySecretRef"), "dns.provider.apiKeySecretRef"), serverId);
            }
            default -> throw new InvalidProfileException("dns.provider.type",
                    "must be rfc2136, pdns or memory, got '" + type + "'");
        }
    }

    private static String hostPort(JsonNode p, String path) {
        if (!present(p, "server")) {
            throw new InvalidProfileException(path, "is required (host:port of the DNS server)");
        }
        String s = text(p.get("server"), path);
        var m = HOST_PORT.matcher(s);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
            throw new InvalidProfileException(path, "must be host:port (port 1 to 65535), got '" + s + "'");
        }
        return s;
    }

    private static SecretRef ref(JsonNode r, String path) {
        if (!r.isObject()) {
            throw new InvalidProfileException(path, "must be an object {name, key}");
        }
        unknown(r, REF, path);
        if (!present(r, "name") || !K8S_NAME.matcher(r.get("name").asText()).matches()) {
            throw new InvalidProfileException(path + ".name", "is required: a Secret name (DNS-1123 subdomain)");
        }
        if (!present(r, "key") || !SECRET_KEY.matcher(r.get("key").asText()).matches()) {
            throw new InvalidProfileException(path + ".key", "is required: a key of the Secret's data");
        }
        return new SecretRef(r.get("name").asText(), r.get("key").asText());
    }

    private static String affix(JsonNode n, String key) {
        if (!present(n, key)) {
            return "";
        }
        String s = n.get(key).isTextual() ? n.get(key).asText() : null;
        if (s == null || !AFFIX.matcher(s).matches()) {
            throw new InvalidProfileException("dns." + key, "must be a string of at most 60 lowercase letters, digits,"
                    + " '-', '_', '.'");
        }
        return s;
    }

    /**
     * A domain name as written in the profile, normalized: lowercase, trailing dot removed, IDN labels in punycode
     * (RFC 3492 via {@link IDN#toASCII}), labels at most 63 octets, name at most 253.
     */
    static String domain(JsonNode v, String path) {
        String raw = text(v, path).trim();
        String s = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidProfileException(path, "'" + raw + "' is not a valid internationalized domain name");
        }
        if (s.isEmpty() || s.length() > 253) {
            throw new InvalidProfileException(path, "'" + raw + "' must be 1 to 253 characters");
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidProfileException(path, "'" + raw + "' has an invalid label '" + label
                        + "' (letters, digits, '-', at most 63 octets)");
            }
        }
        return s;
    }

    private static List<String> names(JsonNode n, String key, String path) {
        if (!present(n, key)) {
            return List.of();
        }
        JsonNode arr = n.get(key);
        if (!arr.isArray()) {
            throw new InvalidProfileException(path, "must be an array of domain names");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String d = domain(arr.get(i), path + "[" + i + "]");
            if (out.contains(d)) {
                throw new InvalidProfileException(path + "[" + i + "]", "'" + d + "' is listed twice");
            }
            out.add(d);
        }
        return out;
    }

    private static void unknown(JsonNode n, Set<String> allowed, String path) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new InvalidProfileException(path + "." + k, "unknown field (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static boolean present(JsonNode n, String key) {
        return n.has(key) && !n.get(key).isNull();
    }

    private static String text(JsonNode v, String path) {
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidProfileException(path, "must be a non-empty string");
        }
        return v.asText();
    }
}
