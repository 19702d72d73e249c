package io.capstan.storage.report;

import io.capstan.kit.status.StatusEntry;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.storage.plan.ObservedStorage;
import io.capstan.storage.plan.StoragePlan;
import io.capstan.storage.plan.StoragePlanner;
import io.capstan.storage.profile.DesiredStorage;
import io.capstan.storage.profile.ProfileParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure test of the component entry of a cluster whose profile is not defined (Profile.empty, revision 0). */
class StorageReportTest {

    /** The component's Ready condition for a pass over an empty API server, as the reconciler builds it. */
    static Condition ready(Profile profile, Infrastructure infra) {
        DesiredStorage desired = DesiredStorage.resolve(ProfileParser.parse(profile.section("storage")), infra);
        ObservedStorage empty = new ObservedStorage(List.of(), true, List.of());
        StoragePlan plan = StoragePlanner.plan("e1", desired, empty, profile.revision());
        List<StatusEntry> entries = StorageReport.build("e1", 1, desired, empty, plan.defaultDecision(), plan.conflicts(),
                List.of(), Set.of(), profile.revision() == 0 ? profile.name() : null);
        return Conditions.find(entries.get(0).conditions(), Conditions.READY).orElseThrow();
    }

    @Test
    void anUndefinedProfileWithoutInfrastructureDefaultsIsProfileNotFoundNamingTheProfile() {
        for (Infrastructure infra : List.of(Infrastructure.PRIVATE, Infrastructure.STANDALONE)) {
            Condition r = ready(Profile.empty("gold"), infra);
            assertThat(r.status()).as("%s", infra).isEqualTo(ConditionStatus.False);
            assertThat(r.reason()).as("%s", infra).isEqualTo("ProfileNotFound");
            assertThat(r.message()).as("%s", infra).contains("profile gold is not defined")
                    .doesNotContain("lists no storage.classes");
        }
    }

    @Test
    void anUndefinedProfileOnACloudStillGetsTheInfrastructureDefaultsAndTheMessageNamesTheProfile() {
        for (Infrastructure infra : List.of(Infrastructure.OPENSTACK, Infrastructure.EKS, Infrastructure.AKS, Infrastructure.GKE)) {
            Condition r = ready(Profile.empty("gold"), infra);
            assertThat(r.status()).as("%s", infra).isEqualTo(ConditionStatus.True);
            assertThat(r.reason()).isEqualTo("ClassesEnsured");
            assertThat(r.message()).contains("infrastructure defaults", "profile gold is not defined");
        }
    }

    @Test
    void aDefinedProfileWithoutClassesIsStillNoStorageConfigured() {
        Profile defined = new Profile("gold", io.capstan.model.event.Json.MAPPER.createObjectNode(), 3);
        Condition r = ready(defined, Infrastructure.STANDALONE);
        assertThat(r.reason()).isEqualTo("NoStorageConfigured");
        assertThat(ready(defined, Infrastructure.EKS).message()).doesNotContain("not defined");
    }
}
