package io.capstan.storage.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.model.cluster.Infrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure table test of the storage profile section's validation: each bad input names its field. */
class ProfileParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'[]'                                                                  | storage",
            "{\"ownsDefault\":\"yes\"}                                             | storage.ownsDefault",
            "{\"owns\":true}                                                       | storage.owns",
            "{\"classes\":{}}                                                      | storage.classes",
            "{\"classes\":[{\"provisioner\":\"a.b\"}]}                             | storage.classes[0].name",
            "{\"classes\":[{\"name\":\"Fast\",\"provisioner\":\"a.b\"}]}           | storage.classes[0].name",
            "{\"classes\":[{\"name\":\"fast\"}]}                                   | storage.classes[0].provisioner",
            "{\"classes\":[{\"name\":\"fast\",\"provisioner\":\"a b\"}]}           | storage.classes[0].provisioner",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"reclaimPolicy\":\"Keep\"}]} | storage.classes[0].reclaimPolicy",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"volumeBindingMode\":\"Later\"}]} | storage.classes[0].volumeBindingMode",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"parameters\":{\"iops\":3}}]} | storage.classes[0].parameters.iops",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"mountOptions\":[1]}]} | storage.classes[0].mountOptions[0]",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"allowedTopologies\":[{\"matchLabelExpressions\":[{\"key\":\"z\",\"values\":[]}]}]}]} | storage.classes[0].allowedTopologies[0].matchLabelExpressions[0].values",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"size\":1}]}     | storage.classes[0].size",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\"},{\"name\":\"f\",\"provisioner\":\"b\"}]} | storage.classes[1].name",
            "{\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"default\":true},{\"name\":\"g\",\"provisioner\":\"b\",\"default\":true}]} | storage.classes[1].default",
            "{\"defaultClass\":\"g\",\"classes\":[{\"name\":\"f\",\"provisioner\":\"a\",\"default\":true}]} | storage.defaultClass",
    })
    void anInvalidSectionNamesTheBadField(String json, String field) {
        assertThatThrownBy(() -> ProfileParser.parse(JSON.readTree(json)))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    @Test
    void aDefaultClassNamingNoClassIsInvalidAtResolution() throws Exception {
        StorageProfile p = ProfileParser.parse(JSON.readTree("{\"defaultClass\":\"fast\"}"));
        assertThatThrownBy(() -> DesiredStorage.resolve(p, Infrastructure.EKS))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("storage.defaultClass"));
    }

    @Test
    void aFullClassTakesItsFieldsAndCapstanDefaults() throws Exception {
        StorageProfile p = ProfileParser.parse(JSON.readTree("""
                {"ownsDefault": true, "classes": [
                  {"name": "ceph", "provisioner": "rbd.csi.ceph.com", "parameters": {"pool": "rbd"}},
                  {"name": "nfs", "provisioner": "example.com/nfs", "reclaimPolicy": "Retain", "volumeBindingMode": "Immediate",
                   "allowVolumeExpansion": false, "mountOptions": ["nfsvers=4.1"], "default": true,
                   "allowedTopologies": [{"matchLabelExpressions": [{"key": "topology.kubernetes.io/zone", "values": ["a", "b"]}]}]}
                ]}"""));
        assertThat(p.ownsDefault()).isTrue();
        ClassSpec ceph = p.classes().orElseThrow().get(0);
        assertThat(ceph.volumeBindingMode()).isEqualTo("WaitForFirstConsumer");
        assertThat(ceph.allowVolumeExpansion()).isTrue();
        assertThat(ceph.reclaimPolicy()).isEqualTo("Delete");
        assertThat(ceph.snapshot()).as("rbd supports snapshots").isTrue();
        ClassSpec nfs = p.classes().orElseThrow().get(1);
        assertThat(nfs.snapshot()).as("an unknown driver gets no snapshot class by default").isFalse();
        assertThat(nfs.reclaimPolicy()).isEqualTo("Retain");
        assertThat(nfs.allowedTopologies().get(0).matchLabelExpressions()).containsEntry("topology.kubernetes.io/zone", java.util.List.of("a", "b"));
        assertThat(DesiredStorage.resolve(p, Infrastructure.STANDALONE).defaultClass()).isEqualTo("nfs");
        assertThat(ProfileParser.parse(null)).isEqualTo(StorageProfile.EMPTY);
    }
}
