package io.kustos.cluster;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * review15 N6: Kustos makes one {@link KubernetesSerialization} ({@link ModelReaders#serialization}); another one would
 * make its own readers of the same types again (the pod template's: ~400 classes found by reflection).
 */
class OneModelSerializationTest {

    @Test
    void onlyModelReadersMakesAKubernetesSerialization() {
        var main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.kustos");
        noClasses().that().doNotHaveFullyQualifiedName(ModelReaders.class.getName() + "$Shared")
                .should().callConstructor(KubernetesSerialization.class)
                .check(main);
    }
}
