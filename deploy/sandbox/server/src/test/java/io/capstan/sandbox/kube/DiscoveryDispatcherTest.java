package io.capstan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dispatcher in front of the CRUD mock, driven without a network. */
class DiscoveryDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DiscoveryDispatcher dispatcher = new DiscoveryDispatcher(new KubernetesCrudDispatcher(List.of()));

    @ParameterizedTest(name = "{0} -> {1}/{2}/{3}")
    @CsvSource({
        "/api/v1/namespaces, '', v1, namespaces",
        "/api/v1/namespaces/default, '', v1, namespaces",
        "/api/v1/namespaces/default/status, '', v1, namespaces",
        "/api/v1/namespaces/default/finalize, '', v1, namespaces",
        "/api/v1/namespaces/default/configmaps, '', v1, configmaps",
        "/api/v1/namespaces/default/configmaps/x, '', v1, configmaps",
        "/api/v1/nodes/n1/status, '', v1, nodes",
        "/apis/apps/v1/namespaces/a/deployments/d/scale, apps, v1, deployments",
        "/apis/storage.k8s.io/v1beta1/storageclasses, storage.k8s.io, v1beta1, storageclasses",
        "/apis/cert-manager.io/v1/certificates, cert-manager.io, v1, certificates",
    })
    void requestPathsNameTheirGroupVersionAndResource(String path, String group, String version, String resource) {
        DiscoveryDispatcher.ResourcePath parsed = DiscoveryDispatcher.ResourcePath.parse(path.substring(1).split("/"));
        assertThat(parsed).isEqualTo(new DiscoveryDispatcher.ResourcePath(group, version, resource));
    }

    @Test
    void pathsThatNameNoResourceParseToNull() {
        assertThat(DiscoveryDispatcher.ResourcePath.parse("healthz".split("/"))).isNull();
        assertThat(DiscoveryDispatcher.ResourcePath.parse("apis/apps".split("/"))).isNull();
    }

    @Test
    void unservedVersionOfABuiltInResourceIsRefusedAndNotStored() throws Exception {
        MockResponse refused = send(HttpMethod.POST, "/apis/storage.k8s.io/v1beta1/storageclasses",
            "application/json", Map.of("apiVersion", "storage.k8s.io/v1beta1", "kind", "StorageClass",
                "metadata", Map.of("name", "old"), "provisioner", "x"));
        assertThat(refused.code()).isEqualTo(404);
        JsonNode status = body(refused);
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("code").asInt()).isEqualTo(404);
        JsonNode list = body(send(HttpMethod.GET, "/apis/storage.k8s.io/v1/storageclasses", null, null));
        assertThat(list.path("items")).isEmpty();
    }

    @Test
    void unknownGroupIsRefused() throws Exception {
        assertThat(send(HttpMethod.GET, "/apis/nope.example/v1/things", null, null).code()).isEqualTo(404);
        assertThat(send(HttpMethod.GET, "/apis/nope.example", null, null).code()).isEqualTo(404);
        assertThat(send(HttpMethod.GET, "/apis/nope.example/v1", null, null).code()).isEqualTo(404);
    }

    @Test
    void storedCrdIsDiscoveredAndItsResourcesServed() throws Exception {
        assertThat(send(HttpMethod.GET, "/apis/cert-manager.io/v1/namespaces/default/certificates", null, null)
            .code()).isEqualTo(404);
        MockResponse created = send(HttpMethod.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            "application/json", CapstanCrds.crd("cert-manager.io", "Certificate", "certificates", true,
                List.of("cert"), "v1"));
        assertThat(created.code()).isEqualTo(201);
        JsonNode resources = body(send(HttpMethod.GET, "/apis/cert-manager.io/v1", null, null));
        assertThat(resources.path("groupVersion").asText()).isEqualTo("cert-manager.io/v1");
        assertThat(names(resources)).contains("certificates", "certificates/status");
        JsonNode groups = body(send(HttpMethod.GET, "/apis", null, null));
        assertThat(groups.findValuesAsText("name")).contains("cert-manager.io", "apps");
        assertThat(send(HttpMethod.GET, "/apis/cert-manager.io/v1/namespaces/default/certificates", null, null)
            .code()).isEqualTo(200);
    }

    @Test
    void coreDiscoveryListsTheBuiltInResources() throws Exception {
        JsonNode core = body(send(HttpMethod.GET, "/api/v1", null, null));
        assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(names(core)).contains("namespaces", "nodes", "pods", "services", "endpoints", "configmaps",
            "secrets", "serviceaccounts", "persistentvolumes", "persistentvolumeclaims", "events");
        JsonNode version = body(send(HttpMethod.GET, "/version", null, null));
        assertThat(version.path("gitVersion").asText()).startsWith("v1.32.");
        assertThat(send(HttpMethod.GET, "/openapi/v3", null, null).code()).isEqualTo(404);
        assertThat(send(HttpMethod.GET, "/swaggerapi", null, null).code()).isEqualTo(404);
    }

    @Test
    void strategicMergePatchIsAppliedAsAMergePatch() throws Exception {
        send(HttpMethod.POST, "/api/v1/namespaces/default/configmaps", "application/json",
            Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "cm", "namespace", "default"),
                "data", Map.of("a", "1")));
        MockResponse patched = send(HttpMethod.PATCH, "/api/v1/namespaces/default/configmaps/cm",
            "application/strategic-merge-patch+json", Map.of("metadata", Map.of("labels", Map.of("tier", "x"))));
        assertThat(patched.code()).isEqualTo(200);
        JsonNode got = body(send(HttpMethod.GET, "/api/v1/namespaces/default/configmaps/cm", null, null));
        assertThat(got.path("metadata").path("labels").path("tier").asText()).isEqualTo("x");
        assertThat(got.path("data").path("a").asText()).isEqualTo("1");
    }

    @Test
    void everyCapstanCrdIsACompactServedStorageVersion() {
        List<Map<String, Object>> crds = CapstanCrds.all();
        assertThat(crds).hasSize(29);
        for (Map<String, Object> crd : crds) {
            JsonNode node = JSON.valueToTree(crd);
            JsonNode spec = node.path("spec");
            assertThat(node.path("metadata").path("name").asText())
                .isEqualTo(spec.path("names").path("plural").asText() + "." + spec.path("group").asText());
            assertThat(spec.path("versions")).hasSize(1);
            assertThat(spec.path("versions").get(0).path("served").asBoolean()).isTrue();
            assertThat(spec.path("versions").get(0).path("storage").asBoolean()).isTrue();
            assertThat(spec.path("versions").get(0).path("schema").path("openAPIV3Schema")
                .path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        }
    }

    private MockResponse send(HttpMethod method, String path, String contentType, Object body) throws Exception {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        Buffer buffer = new Buffer(body == null ? new byte[0] : JSON.writeValueAsBytes(body));
        return dispatcher.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer));
    }

    private static JsonNode body(MockResponse response) throws Exception {
        return JSON.readTree(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("resources").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
