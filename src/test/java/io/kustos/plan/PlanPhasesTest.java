package io.kustos.plan;

import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kustos.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A plan holds its writes in typed phases, each in the diff's order: configs, then the hooks of the
 * workloads that get a new version, then the workloads, then the prunes.
 */
class PlanPhasesTest {
    private final Planner planner = new Planner();

    @Test
    void eachPhaseHoldsItsStepsInTheDiffsOrder() {
        var diff = diff(List.of(config("b", null), config("a", null)),
                List.of(workload("web", "r.example.com/web:2"), workload("api", "r.example.com/api:2")),
                List.of(live("old-1", "r", "x"), live("old-0", "r", "x")),
                hook("migrate", "api"), hook("warm", "web"));

        Plan plan = planner.plan(diff);

        assertEquals(List.of("b", "a"), plan.configs().stream().map(c -> c.key().name()).toList());
        assertEquals(List.of("warm", "migrate"), plan.hooks().stream().map(h -> h.hook().name()).toList(),
                "hooks follow the workloads' order, not the manifest's");
        assertEquals(List.of("web", "api"), plan.workloads().stream().map(w -> w.key().name()).toList());
        assertEquals(List.of("old-1", "old-0"), plan.prunes().stream().map(p -> p.key().name()).toList());
        assertEquals("staging", plan.environment());
        assertSame(HEAD, plan.revisions());
    }

    @Test
    void allStepsComePhaseAfterPhase() {
        var diff = diff(List.of(config("c", null)), List.of(workload("api", "r.example.com/api:2")), List.of(live("gone", "r", "x")),
                hook("migrate", "api"));

        var kinds = planner.plan(diff).steps().stream().map(PlanStep::key).map(ObjectKey::kind).toList();

        assertEquals(List.of("ConfigMap", "Job", "Deployment", "ConfigMap"), kinds);
    }

    @Test
    void hooksRunOnlyForAWorkloadThatGetsANewVersion() {
        var diff = diff(List.of(), List.of(workload("api", null), workload("web", "r.example.com/web:2")), List.of(),
                hook("migrate", "api"), hook("warm", "web"), hook("unrelated", "worker"));

        Plan plan = planner.plan(diff);

        assertEquals(List.of("warm"), plan.hooks().stream().map(h -> h.hook().name()).toList());
        assertEquals("web", plan.hooks().get(0).workload().key().name());
        assertEquals(2, plan.workloads().size(), "a workload whose config hash alone changes is still updated");
    }

    @Test
    void aHooksJobIsNamedForItsHookAndTheNewImages() {
        var once = planner.plan(diff(List.of(), List.of(workload("api", "r.example.com/api:2")), List.of(), hook("migrate", "api")));
        var again = planner.plan(diff(List.of(), List.of(workload("api", "r.example.com/api:2")), List.of(), hook("migrate", "api")));
        var other = planner.plan(diff(List.of(), List.of(workload("api", "r.example.com/api:3")), List.of(), hook("migrate", "api")));

        String job = once.hooks().get(0).jobName();
        assertTrue(job.matches("api-migrate-[0-9a-f]{10}"), job);
        assertEquals(job, again.hooks().get(0).jobName(), "the same revision applied again does not run its hook again");
        assertNotEquals(job, other.hooks().get(0).jobName());
        assertEquals(new ObjectKey("batch/v1", "Job", "staging", job), once.hooks().get(0).key());
    }

    @Test
    void aLongJobNameIsCutToFitALabelValue() {
        String longName = "a-workload-with-a-very-long-name-that-goes-on-and-on-";
        var plan = planner.plan(diff(List.of(), List.of(workload(longName, "r.example.com/x:2")), List.of(), hook("migrate", longName)));

        String job = plan.hooks().get(0).jobName();
        assertTrue(job.length() <= 63, job);
        assertFalse(job.contains("--"), job);
    }
}
