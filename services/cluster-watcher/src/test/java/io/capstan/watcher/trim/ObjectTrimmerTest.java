package io.capstan.watcher.trim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trimming is a pure JSON transformation: no Quarkus needed. */
class ObjectTrimmerTest {

    private final ObjectTrimmer trimmer = new ObjectTrimmer(ObjectTrimmer.DEFAULT_MAX_BYTES);

    private static ObjectNode json(String s) {
        return (ObjectNode) Json.read(s.replace('\'', '"'), com.fasterxml.jackson.databind.JsonNode.class);
    }

    @Test
    void managedFieldsAndLastAppliedAnnotationAreDroppedOtherAnnotationsKept() {
        ObjectNode in = json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'a','managedFields':[{'manager':'kubectl'}],"
                + "'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}','keep':'me'}},'spec':{'type':'ClusterIP'}}");
        ObjectNode out = trimmer.trim(in);
        assertThat(out.at("/metadata/managedFields").isMissingNode()).isTrue();
        assertThat(out.at("/metadata/annotations").has(ObjectTrimmer.LAST_APPLIED)).isFalse();
        assertThat(out.at("/metadata/annotations/keep").asText()).isEqualTo("me");
        assertThat(out.at("/spec/type").asText()).isEqualTo("ClusterIP");
    }

    @Test
    void inputIsNeverChanged() {
        ObjectNode in = json("{'kind':'Service','metadata':{'name':'a','managedFields':[]}}");
        String before = in.toString();
        trimmer.trim(in);
        assertThat(in.toString()).isEqualTo(before);
    }

    @Test
    void annotationsThatOnlyHeldLastAppliedDisappear() {
        ObjectNode out = trimmer.trim(json("{'kind':'Namespace','metadata':{'name':'a','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'}}}"));
        assertThat(out.at("/metadata").has("annotations")).isFalse();
    }

    @Test
    void secretNeverCarriesDataNorStringData() {
        ObjectNode out = trimmer.trim(json("{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'},'type':'Opaque',"
                + "'data':{'token':'c2VjcmV0'},'stringData':{'password':'hunter2'}}"));
        assertThat(out.has("data")).isFalse();
        assertThat(out.has("stringData")).isFalse();
        assertThat(out.toString()).doesNotContain("c2VjcmV0", "hunter2");
        assertThat(out.path("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void objectOverTheCapLosesSpecAndStatusAndIsMarkedTruncated() {
        ObjectTrimmer small = new ObjectTrimmer(300);
        ObjectNode in = json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'big','labels':{'a':'b'}},'spec':{},'status':{}}");
        ((ObjectNode) in.get("spec")).put("blob", "x".repeat(1000));
        ObjectNode out = small.trim(in);
        assertThat(out.has("spec")).isFalse();
        assertThat(out.has("status")).isFalse();
        assertThat(out.at("/metadata/labels/a").asText()).isEqualTo("b");
        assertThat(out.at("/metadata/annotations").get(ObjectTrimmer.TRUNCATED_ANNOTATION).asText()).isEqualTo("true");
    }

    @Test
    void objectUnderTheCapIsNotMarked() {
        ObjectNode out = trimmer.trim(json("{'kind':'Service','metadata':{'name':'a'},'spec':{}}"));
        assertThat(out.toString()).doesNotContain(ObjectTrimmer.TRUNCATED_ANNOTATION);
    }

    @Test
    void hugeAnnotationsAreDroppedWhenMetadataAloneExceedsTheCap() {
        ObjectTrimmer small = new ObjectTrimmer(300);
        ObjectNode in = json("{'kind':'Service','metadata':{'name':'a','annotations':{'huge':''}}}");
        ((ObjectNode) in.at("/metadata/annotations")).put("huge", "y".repeat(1000));
        ObjectNode out = small.trim(in);
        assertThat(out.at("/metadata/annotations").has("huge")).isFalse();
        assertThat(out.at("/metadata/annotations").get(ObjectTrimmer.TRUNCATED_ANNOTATION).asText()).isEqualTo("true");
    }

    @Test
    void nonObjectIsRefused() {
        assertThatThrownBy(() -> trimmer.trim(Json.MAPPER.createArrayNode())).isInstanceOf(IllegalArgumentException.class);
    }
}
