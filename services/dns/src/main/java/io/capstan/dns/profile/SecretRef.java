package io.capstan.dns.profile;

import java.util.Objects;

/**
 * A key of a Secret in the management namespace ({@code capstan.management.namespace}) holding a credential (a TSIG
 * secret in base64 as {@code tsig-keygen} prints it, or a PowerDNS API key). The profile names the Secret, never the
 * value: profiles travel on {@code capstan.clusters}.
 *
 * @param name Secret name, a DNS-1123 subdomain
 * @param key  key inside the Secret's {@code data}
 */
public record SecretRef(String name, String key) {
    public SecretRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }
}
