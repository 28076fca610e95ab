package io.kustos;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kustos.cluster.ModelReaders;
import io.kustos.testsupport.MainClasses;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of README's "Layout", checked on the compiled main classes:
 * the pure steps (render, diff, plan) use the Kubernetes model but no cluster client; the
 * top-level packages form no cycle; the failure kinds are a leaf; nothing depends on the CLI; each
 * step imports only the steps before it.
 */
class LayeringTest {
    /**
     * The steps of a revision in the order its data flows through them: each imports only steps
     * before it. Beneath them all are the shared layers {@link #SHARED} (failure kinds, wording,
     * kustos.yaml, cluster clients and API errors), which any step may import and which import no
     * step; above them {@link #OUTER}, which only the outer layers themselves may import.
     */
    static final List<String> STEPS = List.of("source", "decrypt", "render", "live", "diff", "plan", "apply", "rollout", "history");
    static final List<String> SHARED = List.of("failure", "outcome", "text", "work", "config", "cluster");
    static final List<String> OUTER = List.of("reconcile", "agent", "runtime", "cli", "bench");

    private static final JavaClasses MAIN = MainClasses.get();

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

    @ParameterizedTest
    @ValueSource(strings = {"source", "decrypt", "render", "live", "diff", "plan", "apply", "rollout", "history"})
    void aStepImportsOnlyEarlierSteps(String step) {
        var later = new ArrayList<>(STEPS.subList(STEPS.indexOf(step) + 1, STEPS.size()));
        later.addAll(OUTER);
        noClasses().that().resideInAPackage("io.kustos." + step + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(later))
                .because("the steps run " + String.join(" → ", STEPS) + ", and reconcile, agent, runtime, cli and bench run them")
                .check(MAIN);
    }

    /** The composition root builds reconcile's pieces; the daemon, the CLI and the benchmarks ask it for them. */
    @Test
    void theCompositionRootSitsBetweenReconcileAndItsUsers() {
        noClasses().that().resideInAPackage("io.kustos.reconcile..")
                .should().dependOnClassesThat().resideInAPackage("io.kustos.agent..")
                .because("reconcile is built by the agent, not the other way round")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.kustos.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kustos.runtime..", "io.kustos.cli..", "io.kustos.bench..")
                .because("the daemon, the CLI and the benchmarks use the agent")
                .check(MAIN);
    }

    @Test
    void theSharedLayersImportNoStep() {
        var above = new ArrayList<>(STEPS);
        above.addAll(OUTER);
        noClasses().that().resideInAnyPackage(packages(SHARED))
                .should().dependOnClassesThat().resideInAnyPackage(packages(above))
                .because("failure, outcome, text, work, config and cluster lie beneath every step")
                .check(MAIN);
    }

    @Test
    void everyPackageIsAStepASharedOrAnOuterLayer() {
        var known = new ArrayList<>(STEPS);
        known.addAll(SHARED);
        known.addAll(OUTER);
        classes().should().resideInAnyPackage(packages(known))
                .because("a new package needs its place in the layering above")
                .check(MAIN);
    }

    /**
     * review15 N6: Kustos makes one {@link KubernetesSerialization} ({@link ModelReaders#serialization}); another one would
     * make its own readers of the same types again (the pod template's: ~400 classes found by reflection).
     */
    @Test
    void onlyModelReadersMakesAKubernetesSerialization() {
        noClasses().that().doNotHaveFullyQualifiedName(ModelReaders.class.getName() + "$Shared")
                .should().callConstructor(KubernetesSerialization.class)
                .check(MAIN);
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> "io.kustos." + n + "..").toArray(String[]::new);
    }
}
