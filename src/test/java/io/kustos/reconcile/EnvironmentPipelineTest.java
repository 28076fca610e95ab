package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pipeline's wiring, with fake steps that record what ran: no cluster, no git. */
class EnvironmentPipelineTest {
    private final List<String> ran = new ArrayList<>();

    @Test
    void theFirstStepWithAnOutcomeEndsTheRun() {
        var pipeline = new EnvironmentPipeline("apply", List.of(goesOn("render"), goesOn("read live"),
                stops("compare", r -> new TargetOutcome.InSync(r.environment(), null)), goesOn("write")));
        assertEquals(new TargetOutcome.InSync("staging", null), pipeline.run(run("staging")));
        assertEquals(List.of("render staging", "read live staging", "compare staging"), ran);
    }

    @Test
    void eachStepSeesWhatTheOnesBeforeItPutIntoTheRun() {
        var pipeline = new EnvironmentPipeline("apply", List.of(
                r -> {
                    r.written = 3;
                    return Step.next();
                },
                r -> Step.stop(new TargetOutcome.Applied(r.environment(), null, r.written, List.of()))));
        assertEquals(new TargetOutcome.Applied("staging", null, 3, List.of()), pipeline.run(run("staging")));
    }

    /** One pipeline serves every environment: staging's failure is staging's outcome, and production still applies. */
    @Test
    void aFailureAStepThrowsEndsThatEnvironmentsRunAsFailed() {
        var typo = new StallingException("environments/staging/app.yaml: data.x: not a string", FailureReason.INVALID_INPUT);
        var pipeline = new EnvironmentPipeline("apply", List.of(goesOn("render"),
                r -> {
                    ran.add("validate " + r.environment());
                    if (r.environment().equals("staging")) {
                        throw typo;
                    }
                    return Step.next();
                },
                stops("write", r -> new TargetOutcome.Applied(r.environment(), null, 1, List.of()))));

        var staging = pipeline.run(run("staging"));
        var production = pipeline.run(run("production"));

        assertEquals(new TargetOutcome.Failed("staging", typo), staging);
        assertSame(typo, ((TargetOutcome.Failed) staging).error());
        assertEquals(new TargetOutcome.Applied("production", null, 1, List.of()), production);
        assertEquals(List.of("render staging", "validate staging",
                "render production", "validate production", "write production"), ran);
    }

    /** Only a failure is an outcome: a bug in a step is not turned into one. */
    @Test
    void aBugInAStepIsNotAFailedOutcome() {
        var bug = new NullPointerException("desired");
        var pipeline = new EnvironmentPipeline("apply", List.of(r -> {
            throw bug;
        }));
        assertSame(bug, assertThrows(NullPointerException.class, () -> pipeline.run(run("staging"))));
    }

    @Test
    void aPipelineThatEndsWithoutAnOutcomeIsABug() {
        var pipeline = new EnvironmentPipeline("heal", List.of(goesOn("render"), goesOn("compare")));
        var e = assertThrows(IllegalStateException.class, () -> pipeline.run(run("dev")));
        assertEquals("the heal pipeline of dev ended without an outcome", e.getMessage());
        assertEquals(List.of("render dev", "compare dev"), ran);
    }

    private Step goesOn(String name) {
        return r -> {
            ran.add(name + " " + r.environment());
            return Step.next();
        };
    }

    private Step stops(String name, java.util.function.Function<EnvironmentRun, TargetOutcome> outcome) {
        return r -> {
            ran.add(name + " " + r.environment());
            return Step.stop(outcome.apply(r));
        };
    }

    /** A run with no cluster behind it: the fake steps need only its environment. */
    static EnvironmentRun run(String environment) {
        var target = new Target(environment, environment, List.of(), null, null, false);
        return new EnvironmentRun(new EnvironmentAccess(target, null, null, null), null, null, false);
    }
}
