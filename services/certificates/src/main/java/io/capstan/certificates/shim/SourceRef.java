package io.capstan.certificates.shim;

/**
 * The Ingress or Gateway a shim Certificate comes from.
 *
 * @param apiVersion {@code networking.k8s.io/v1} or {@code gateway.networking.k8s.io/v1}
 * @param kind       {@code Ingress} or {@code Gateway}
 * @param namespace  its namespace
 * @param name       its name
 * @param uid        its {@code metadata.uid}, or null when unknown (then no ownerReference is written)
 */
public record SourceRef(String apiVersion, String kind, String namespace, String name, String uid) {

    /** @return {@code Kind/name}, the value of the {@link ShimPlanner#SOURCE_ANNOTATION} annotation */
    public String sourceAnnotation() {
        return kind + "/" + name;
    }

    /** @return {@code Kind namespace/name} for messages */
    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
