package io.capstan.certificates.issuer;

import java.util.Map;
import java.util.Optional;

/**
 * Reads one Secret's data (decoded) and resourceVersion: the management cluster's for fleet issuers, the workload
 * cluster's for its own CA Issuers.
 */
@FunctionalInterface
public interface SecretReader {

    /**
     * A Secret's content.
     *
     * @param version resourceVersion (to cache what is parsed from it)
     * @param data    decoded data, key material: never logged
     */
    record Content(String version, Map<String, byte[]> data) {
        @Override
        public String toString() {
            return "Secret content (keys " + new java.util.TreeSet<>(data.keySet()) + ")";
        }
    }

    /**
     * @return empty when the Secret does not exist
     * @throws RuntimeException when the API server does not answer (transient)
     */
    Optional<Content> read(String namespace, String name);
}
