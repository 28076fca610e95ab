package io.kustos;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of README's "Layout", checked on the compiled main classes:
 * the pure steps (render, diff, plan) use the Kubernetes model but no cluster client; the
 * top-level packages form no cycle; the failure kinds are a leaf; nothing depends on the CLI.
 */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.kustos");

    @Test
    void thePureStepsTalkToNoCluster() {
        noClasses().that().resideInAnyPackage("io.kustos.render..", "io.kustos.diff..", "io.kustos.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8.kubernetes.client..", "io.kustos.cluster..", "io.kustos.apply..",
                        "io.kustos.rollout..", "io.kustos.history..", "io.kustos.runtime..", "io.kustos.cli..")
                .because("render, diff and plan are pure: desired state and live state come in as data")
                .check(MAIN);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("io.kustos.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The failure kinds are a leaf every step imports to throw one (as Flux's internal/error). */
    @Test
    void theFailureKindsAreALeaf() {
        classes().that().resideInAPackage("io.kustos.failure..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.kustos.failure..", "java..")
                .because("any step throws a failure kind without importing the reconciler")
                .check(MAIN);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("io.kustos.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.kustos.cli..")
                .because("the CLI is the outermost layer")
                .check(MAIN);
    }
}
