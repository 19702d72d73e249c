package io.capstan.storage.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure table test of why a claim is (not) bound. '-' stands for null. */
class PvcAssessmentTest {

    private static final List<ClassView> CLASSES = List.of(
            new ClassView("gp3", "ebs.csi.aws.com", true),
            new ClassView("efs", "efs.csi.aws.com", false),
            new ClassView("slow", "kubernetes.io/aws-ebs", false));
    private static final Set<String> DRIVERS = Set.of("ebs.csi.aws.com");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bound claim is ready                          | Bound   | gp3  | -      | -     | true  | Bound",
            "lost claim                                    | Lost    | gp3  | -      | pv-1  | false | ClaimLost",
            "names a missing class                         | Pending | fast | -      | -     | false | StorageClassNotFound",
            "legacy beta annotation wins over spec         | Pending | gp3  | fast   | -     | false | StorageClassNotFound",
            "no phase yet counts as Pending                | -       | gp3  | -      | -     | false | Provisioning",
            "default class with its driver present         | Pending | -    | -      | -     | false | Provisioning",
            "driver of the class absent                    | Pending | efs  | -      | -     | false | ProvisionerNotFound",
            "in-tree provisioner counts as absent          | Pending | slow | -      | -     | false | ProvisionerNotFound",
            "pre-bound to a volume                         | Pending | -    | -      | pv-9  | false | WaitingForVolume",
            "explicitly no class                           | Pending | ''   | -      | -     | false | WaitingForVolume",
    })
    void reasons(String name, String phase, String cls, String beta, String volume, boolean ready, String reason) {
        PvcState pvc = new PvcState("default", "c", n(phase), n(cls), n(beta), n(volume));
        PvcAssessment.Verdict v = PvcAssessment.assess(pvc, CLASSES, DRIVERS);
        assertThat(v.ready()).isEqualTo(ready);
        assertThat(v.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "no default class -> NoDefaultStorageClass")
    @CsvSource({"Pending"})
    void noDefault(String phase) {
        PvcAssessment.Verdict v = PvcAssessment.assess(new PvcState("ns", "c", phase, null, null, null),
                List.of(new ClassView("efs", "efs.csi.aws.com", false)), DRIVERS);
        assertThat(v.reason()).isEqualTo("NoDefaultStorageClass");
        PvcAssessment.Verdict inTree = PvcAssessment.assess(new PvcState("ns", "c", phase, "slow", null, null), CLASSES, DRIVERS);
        assertThat(inTree.message()).contains("in-tree").contains("kubernetes.io/aws-ebs");
    }

    private static String n(String s) {
        return s == null || s.equals("-") ? null : s;
    }
}
