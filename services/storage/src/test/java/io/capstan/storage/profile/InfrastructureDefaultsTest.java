package io.capstan.storage.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.cluster.Infrastructure;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden test of the infrastructure defaults table (in the manner of cert-manager's {@code defaults_test.go}): the
 * table, written out field by field, must equal {@code golden/infrastructure-defaults.json}, which was written from
 * the table and the drivers' docs, not generated from the code. Pure, no Quarkus.
 */
class InfrastructureDefaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultsPerInfrastructureMatchTheGoldenFile() throws Exception {
        ObjectNode actual = JSON.createObjectNode();
        for (Infrastructure i : Infrastructure.values()) {
            ArrayNode arr = actual.putArray(i.wireName());
            for (ClassSpec c : InfrastructureDefaults.classesFor(i)) {
                ObjectNode o = arr.addObject();
                o.put("name", c.name()).put("provisioner", c.provisioner());
                ObjectNode params = o.putObject("parameters");
                c.parameters().forEach(params::put);
                o.put("reclaimPolicy", c.reclaimPolicy()).put("volumeBindingMode", c.volumeBindingMode())
                        .put("allowVolumeExpansion", c.allowVolumeExpansion());
                ArrayNode mo = o.putArray("mountOptions");
                c.mountOptions().forEach(mo::add);
                o.putArray("allowedTopologies");
                o.put("snapshot", c.snapshot()).put("default", c.isDefault());
            }
        }
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/infrastructure-defaults.json")) {
            golden = JSON.readTree(in);
        }
        assertThat(actual).isEqualTo(golden);
    }

    @Test
    void anAbsentClassesKeyTakesTheDefaultsAndAnEmptyListTakesNothing() throws Exception {
        DesiredStorage absent = DesiredStorage.resolve(ProfileParser.parse(JSON.readTree("{\"ownsDefault\":true}")), Infrastructure.GKE);
        assertThat(absent.classes()).extracting(ClassSpec::name).containsExactly("standard-rwo");
        assertThat(absent.defaultClass()).isEqualTo("standard-rwo");
        assertThat(absent.source()).isEqualTo(DesiredStorage.Source.INFRASTRUCTURE_DEFAULTS);
        DesiredStorage empty = DesiredStorage.resolve(ProfileParser.parse(JSON.readTree("{\"classes\":[]}")), Infrastructure.GKE);
        assertThat(empty.classes()).isEmpty();
        assertThat(empty.defaultClass()).isNull();
        assertThat(DesiredStorage.resolve(StorageProfile.EMPTY, Infrastructure.STANDALONE).classes()).isEmpty();
    }
}
