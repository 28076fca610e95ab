package io.kustos.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kustos.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** A diff with nothing to change gives a plan that writes nothing; any one step makes it non-empty. */
class EmptyPlanTest {
    private final Planner planner = new Planner();

    @Test
    void anEmptyDiffGivesAnEmptyPlan() {
        Plan plan = planner.plan(diff(List.of(), List.of(), List.of(), hook("migrate", "api")));

        assertTrue(plan.isEmpty());
        assertEquals(List.of(), plan.configs());
        assertEquals(List.of(), plan.hooks(), "a hook of a workload that does not change does not run");
        assertEquals(List.of(), plan.workloads());
        assertEquals(List.of(), plan.prunes());
        assertEquals(List.of(), plan.steps());
    }

    @Test
    void anyPhaseMakesThePlanNonEmpty() {
        assertFalse(planner.plan(diff(List.of(config("a", null)), List.of(), List.of())).isEmpty());
        assertFalse(planner.plan(diff(List.of(), List.of(workload("api", null)), List.of())).isEmpty());
        assertFalse(planner.plan(diff(List.of(), List.of(), List.of(live("gone", "r", "x")))).isEmpty());
        var onlyAHook = new Plan("staging", HEAD, List.of(), planner.plan(diff(List.of(), List.of(workload("api", "r.example.com/api:2")),
                List.of(), hook("migrate", "api"))).hooks(), List.of(), List.of());
        assertFalse(onlyAHook.isEmpty());
    }

    @Test
    void thePhasesCannotBeChangedAfterwards() {
        var configs = new java.util.ArrayList<ApplyConfig>();
        Plan plan = new Plan("staging", HEAD, configs, List.of(), List.of(), List.of());
        configs.add(new ApplyConfig(config("late", null)));

        assertTrue(plan.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> plan.configs().add(new ApplyConfig(config("x", null))));
    }
}
