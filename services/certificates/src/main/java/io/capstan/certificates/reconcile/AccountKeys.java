package io.capstan.certificates.reconcile;

import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACME account keys of the fleet ACME issuers, kept in the management namespace (never in a workload cluster):
 * Secret {@code accountKeySecretName}, key {@code tls.key} (PKCS#8 PEM), label {@code app.kubernetes.io/managed-by:
 * capstan}. Created on first use with a fresh ECDSA P-256 key (RFC 8555 §6.2: ES256); a creation race (409) re-reads
 * the winner's key. The key never appears in a log line, event or status.
 */
public final class AccountKeys {

    private static final Logger LOG = Logger.getLogger(AccountKeys.class);

    private record Cached(String version, KeyPair keys) {
    }

    private final KubernetesClient management;
    private final String namespace;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param management the management cluster's client
     * @param namespace  {@code capstan.management.namespace}
     */
    public AccountKeys(KubernetesClient management, String namespace) {
        this.management = management;
        this.namespace = namespace;
    }

    /**
     * The key pair of an account, created (and stored) when its Secret does not exist.
     *
     * @param secretName the management Secret's name
     * @throws ClusterReadException when the management API fails
     * @throws io.capstan.certificates.pki.PkiException when the Secret holds no usable key
     */
    public KeyPair get(String secretName) {
        for (int round = 0; round < 3; round++) {
            Secret s;
            try {
                s = management.secrets().inNamespace(namespace).withName(secretName).get();
            } catch (KubernetesClientException e) {
                throw new ClusterReadException("management API: reading Secret " + secretName + " failed with HTTP " + e.getCode(), null);
            }
            if (s != null && s.getData() != null && s.getData().get("tls.key") != null) {
                Cached c = cache.get(secretName);
                String version = s.getMetadata().getResourceVersion();
                if (c != null && c.version != null && c.version.equals(version)) {
                    return c.keys;
                }
                KeyPair kp = PrivateKeys.parsePem(new String(Base64.getDecoder().decode(s.getData().get("tls.key")),
                        StandardCharsets.US_ASCII));
                cache.put(secretName, new Cached(version, kp));
                return kp;
            }
            if (s != null) {
                throw new io.capstan.certificates.pki.PkiException("InvalidKey", "management Secret " + secretName
                        + " exists but has no tls.key; remove it or put the ACME account key there");
            }
            KeyPair kp = PrivateKeys.generate(KeySpec.ECDSA_P256);
            Secret created = new SecretBuilder().withNewMetadata().withName(secretName).withNamespace(namespace)
                    .addToLabels("app.kubernetes.io/managed-by", "capstan")
                    .addToAnnotations("capstan.io/purpose", "acme-account-key").endMetadata()
                    .withType("Opaque")
                    .addToData("tls.key", Base64.getEncoder().encodeToString(
                            PrivateKeys.toPem(kp.getPrivate(), KeyEncoding.PKCS8).getBytes(StandardCharsets.US_ASCII)))
                    .build();
            try {
                management.secrets().inNamespace(namespace).resource(created).create();
                LOG.infof("ACME account key created in management Secret %s/%s", namespace, secretName);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw new ClusterReadException("management API: creating Secret " + secretName + " failed with HTTP "
                            + e.getCode(), null);
                }
                // another replica created it first: read its key
            }
        }
        throw new ClusterReadException("management Secret " + secretName + " could not be read or created", null);
    }
}
