package io.capstan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Puts the parts of a real kube-apiserver that the fabric8 CRUD mock lacks in front of it:
 * <ul>
 *   <li>discovery: {@code GET /version}, {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>},
 *       {@code /apis/<group>/<version>} answered from {@link BuiltinApis} plus every CRD stored in the server
 *       (shapes of k8s.io/apimachinery/pkg/apis/meta/v1 APIVersions, APIGroupList, APIGroup, APIResourceList);</li>
 *   <li>{@code 404} for {@code /openapi*} and {@code /swagger*}, so kubectl falls back to no schema;</li>
 *   <li>version validation: a request to a group/version/resource that is not served answers {@code 404} with a
 *       Status object (reason NotFound) instead of being stored;</li>
 *   <li>{@code application/strategic-merge-patch+json} turned into a JSON merge patch (RFC 7386), which is what
 *       a strategic merge patch is for objects without patch strategies, so {@code kubectl apply/label} work;
 *       a patch answers 200 like the real server (the mock says 202);</li>
 *   <li>{@code /healthz}, {@code /livez}, {@code /readyz} answer {@code ok}.</li>
 * </ul>
 * Everything else goes to the wrapped {@link KubernetesCrudDispatcher}, whose objects survive
 * {@link #shutdown()} so a cluster can be stopped and started again.
 */
public final class DiscoveryDispatcher extends Dispatcher {

    /** Kubernetes version this sandbox answers as. */
    public static final String KUBE_MINOR = "32";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final KubernetesCrudDispatcher crud;
    private volatile List<ApiResource> crdCache;

    /** @param crud the CRUD dispatcher holding the objects */
    public DiscoveryDispatcher(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String fullPath = request.getPath() == null ? "/" : request.getPath();
        int q = fullPath.indexOf('?');
        String path = q < 0 ? fullPath : fullPath.substring(0, q);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = request.getMethod() == null ? "GET" : request.getMethod().toUpperCase(Locale.ROOT);
        if (path.startsWith("/openapi") || path.startsWith("/swagger")) {
            return notFound("the server could not find the requested resource");
        }
        if ("GET".equals(method) && ("/healthz".equals(path) || "/livez".equals(path) || "/readyz".equals(path))) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok");
        }
        if ("GET".equals(method)) {
            MockResponse discovery = discovery(path);
            if (discovery != null) {
                return discovery;
            }
        }
        String[] seg = path.substring(1).split("/");
        ResourcePath target = ResourcePath.parse(seg);
        if (target == null) {
            return notFound("the server could not find the requested resource");
        }
        if (!served(target.group(), target.version(), target.resource())) {
            return notFound("the server could not find the requested resource (" + method + " " + target.resource()
                + "." + (target.group().isEmpty() ? "" : target.group() + "/") + target.version() + ")");
        }
        if (path.startsWith(CRD_PATH) && !"GET".equals(method)) {
            crdCache = null;
        }
        RecordedRequest forwarded = request;
        String contentType = request.getHeader("Content-Type");
        if ("PATCH".equals(method) && contentType != null
            && contentType.toLowerCase(Locale.ROOT).startsWith("application/strategic-merge-patch+json")) {
            forwarded = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders().newBuilder().set("Content-Type", "application/merge-patch+json").build(),
                request.getBody());
        }
        MockResponse response = crud.dispatch(forwarded);
        if ("PATCH".equals(method) && response.code() == 202) {
            response.setResponseCode(200); // a kube-apiserver answers a patch with 200 OK, the mock with 202
        }
        if (path.startsWith(CRD_PATH) && !"GET".equals(method)) {
            crdCache = null;
        }
        return response;
    }

    /** Keeps the stored objects: a stopped cluster must come back with them. */
    @Override
    public void shutdown() {
        // deliberately not forwarded to the CRUD dispatcher
    }

    /** @return the wrapped CRUD dispatcher */
    public KubernetesCrudDispatcher crud() {
        return crud;
    }

    private MockResponse discovery(String path) {
        switch (path) {
            case "/version":
                return json(200, versionInfo());
            case "/api":
                return json(200, Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0",
                        "serverAddress", "127.0.0.1"))));
            case "/api/v1":
                return json(200, resourceList("v1", resources("", "v1")));
            case "/apis":
                return json(200, groupList());
            default:
                break;
        }
        if (path.startsWith("/apis/")) {
            String[] seg = path.substring("/apis/".length()).split("/");
            if (seg.length == 1) {
                Map<String, Object> group = group(seg[0]);
                return group == null ? notFound("the server could not find the requested resource") : json(200, group);
            }
            if (seg.length == 2) {
                List<ApiResource> list = resources(seg[0], seg[1]);
                return list.isEmpty() ? notFound("the server could not find the requested resource")
                    : json(200, resourceList(seg[0] + "/" + seg[1], list));
            }
        }
        return null;
    }

    private static Map<String, Object> versionInfo() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("major", "1");
        v.put("minor", KUBE_MINOR);
        v.put("gitVersion", "v1." + KUBE_MINOR + ".0");
        v.put("gitCommit", "capstan-sandbox");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2024-12-11T00:00:00Z");
        v.put("goVersion", "go1.23.4");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return v;
    }

    /** @return every served resource: built-ins plus the stored CRDs */
    public List<ApiResource> allResources() {
        List<ApiResource> all = new ArrayList<>(BuiltinApis.ALL);
        all.addAll(crdResources());
        return all;
    }

    private List<ApiResource> resources(String group, String version) {
        List<ApiResource> out = new ArrayList<>();
        for (ApiResource r : allResources()) {
            if (r.group().equals(group) && r.version().equals(version)) {
                out.add(r);
            }
        }
        return out;
    }

    private boolean served(String group, String version, String resource) {
        for (ApiResource r : allResources()) {
            if (r.group().equals(group) && r.version().equals(version) && r.plural().equals(resource)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> groupList() {
        // keep the built-in order of versions (the preferred one first), then CRD versions
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        for (ApiResource r : allResources()) {
            if (!r.group().isEmpty()) {
                ordered.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(r.version());
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String g : ordered.keySet()) {
            groups.add(group(g));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        list.put("groups", groups);
        return list;
    }

    private Map<String, Object> group(String name) {
        Set<String> versions = new LinkedHashSet<>();
        for (ApiResource r : allResources()) {
            if (r.group().equals(name)) {
                versions.add(r.version());
            }
        }
        if (versions.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> gvs = new ArrayList<>();
        for (String v : versions) {
            gvs.add(Map.of("groupVersion", name + "/" + v, "version", v));
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        group.put("versions", gvs);
        group.put("preferredVersion", gvs.get(0));
        return group;
    }

    private static Map<String, Object> resourceList(String groupVersion, List<ApiResource> list) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ApiResource r : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.plural());
            m.put("singularName", r.singular());
            m.put("namespaced", r.namespaced());
            m.put("kind", r.kind());
            m.put("verbs", ApiResource.VERBS);
            if (!r.shortNames().isEmpty()) {
                m.put("shortNames", r.shortNames());
            }
            resources.add(m);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("name", r.plural() + "/status");
            status.put("singularName", "");
            status.put("namespaced", r.namespaced());
            status.put("kind", r.kind());
            status.put("verbs", List.of("get", "patch", "update"));
            resources.add(status);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "APIResourceList");
        out.put("apiVersion", "v1");
        out.put("groupVersion", groupVersion);
        out.put("resources", resources);
        return out;
    }

    private List<ApiResource> crdResources() {
        List<ApiResource> cached = crdCache;
        if (cached != null) {
            return cached;
        }
        List<ApiResource> out = new ArrayList<>();
        try {
            MockResponse list = crud.handleGet(CRD_PATH);
            if (list.code() == 200 && list.getBody() != null) {
                JsonNode items = JSON.readTree(list.getBody().getBytes()).path("items");
                for (JsonNode crd : items) {
                    JsonNode spec = crd.path("spec");
                    JsonNode names = spec.path("names");
                    List<String> shorts = new ArrayList<>();
                    names.path("shortNames").forEach(s -> shorts.add(s.asText()));
                    for (JsonNode v : spec.path("versions")) {
                        if (v.path("served").asBoolean(true)) {
                            out.add(new ApiResource(spec.path("group").asText(), v.path("name").asText(),
                                names.path("plural").asText(),
                                names.path("singular").asText(names.path("kind").asText().toLowerCase(Locale.ROOT)),
                                names.path("kind").asText(), !"Cluster".equals(spec.path("scope").asText()),
                                List.copyOf(shorts)));
                        }
                    }
                }
            }
        } catch (Exception e) {
            // an unreadable CRD list serves no custom resources
        }
        List<ApiResource> result = List.copyOf(out);
        crdCache = result;
        return result;
    }

    private static MockResponse json(int code, Object body) {
        try {
            return new MockResponse().setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param message the Status message
     * @return a 404 answer with a meta/v1 Status, reason NotFound
     */
    static MockResponse notFound(String message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "NotFound");
        status.put("details", Map.of());
        status.put("code", 404);
        return json(404, status);
    }

    /**
     * The group, version and resource a request path names.
     *
     * @param group    API group, empty for core
     * @param version  version
     * @param resource plural resource name
     */
    record ResourcePath(String group, String version, String resource) {

        /**
         * Parses {@code api/v1/...} or {@code apis/<g>/<v>/...} segments.
         *
         * @param seg path segments without the leading empty one
         * @return the target, or null when the path names no resource
         */
        static ResourcePath parse(String[] seg) {
            int start;
            String group;
            String version;
            if (seg.length >= 3 && "api".equals(seg[0])) {
                group = "";
                version = seg[1];
                start = 2;
            } else if (seg.length >= 4 && "apis".equals(seg[0])) {
                group = seg[1];
                version = seg[2];
                start = 3;
            } else {
                return null;
            }
            int rest = seg.length - start;
            String resource = seg[start];
            if ("namespaces".equals(seg[start]) && rest >= 3
                && !"status".equals(seg[start + 2]) && !"finalize".equals(seg[start + 2])) {
                resource = seg[start + 2];
            }
            return new ResourcePath(group, version, resource);
        }
    }
}
