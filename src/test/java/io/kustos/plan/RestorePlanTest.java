package io.kustos.plan;

import io.kustos.render.Credit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kustos.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The plan that puts back a hand edit writes the same steps as for a new commit, but each object
 * keeps the credit Kustos last wrote on it: no commit changed it.
 */
class RestorePlanTest {
    private final Planner planner = new Planner();

    @Test
    void aPlanForACommitCreditsThatCommit() {
        Plan plan = planner.plan(diff(List.of(config("a", live("a", "config=old;releases=old", "Old Author"))),
                List.of(workload("api", "r.example.com/api:2")), List.of()));

        assertFalse(plan.configs().get(0).restoresDrift());
        assertFalse(plan.workloads().get(0).restoresDrift());
        assertEquals(Credit.ofConfig(HEAD), plan.configs().get(0).credit(HEAD));
        assertEquals(Credit.ofReleases(HEAD), plan.workloads().get(0).credit(HEAD));
        assertEquals("Grace Hopper <grace@example.com>", plan.workloads().get(0).credit(HEAD).author());
    }

    @Test
    void aRestorePlanKeepsTheCreditKustosLastWrote() {
        var diff = diff(List.of(config("a", live("a", "config=old;releases=old", "Old Author <old@example.com>"))),
                List.of(workload("api", "r.example.com/api:2")), List.of(live("gone", "r", "x")));

        Plan plan = planner.restore(diff);

        assertTrue(plan.configs().get(0).restoresDrift());
        assertTrue(plan.workloads().get(0).restoresDrift());
        assertEquals(new Credit("config=old;releases=old", "Old Author <old@example.com>"), plan.configs().get(0).credit(HEAD));
        assertEquals(new Credit("config=old;releases=old", "Old Author <old@example.com>"), plan.workloads().get(0).credit(HEAD));
        assertEquals(planner.plan(diff).steps().stream().map(PlanStep::key).toList(), plan.steps().stream().map(PlanStep::key).toList(),
                "the same writes in the same order");
    }

    @Test
    void restoringAnObjectThatIsGoneCreditsTheHead() {
        Plan plan = planner.restore(diff(List.of(config("deleted-by-hand", null)), List.of(), List.of()));

        assertEquals(Credit.ofConfig(HEAD), plan.configs().get(0).credit(HEAD));
    }
}
