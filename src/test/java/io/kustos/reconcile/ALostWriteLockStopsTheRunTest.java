package io.kustos.reconcile;

import io.kustos.cluster.HeldLock;
import io.kustos.cluster.LockLostException;
import io.kustos.config.Sync;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The write, automatic rollback and record steps of the pipelines check the environment's write
 * lock at each phase boundary: once it is lost (its renewals failed past its duration, or another
 * writer took it over) the run stops there as a failure that may pass, writing, rolling back and
 * recording nothing more. The run has no cluster behind it: a step that went on would fail on it.
 */
class ALostWriteLockStopsTheRunTest {
    private final List<String> checked = new ArrayList<>();
    private boolean released;

    /** A lock that is this writer's for the first {@code heldFor} checks, lost from then on. */
    private HeldLock lostAfter(int heldFor) {
        return new HeldLock() {
            @Override
            public void ensureHeld(String phase) {
                checked.add(phase);
                if (checked.size() > heldFor) {
                    throw lost(phase);
                }
            }

            @Override
            public void close() {
                released = true;
            }
        };
    }

    private static LockLostException lost(String phase) {
        return new LockLostException("staging", "web/kustos-lock-staging", phase, "kustos run pod-b pid 1");
    }

    private Step locked(HeldLock lock) {
        return r -> {
            r.lock = lock;
            return Step.next();
        };
    }

    private final AutomaticRollbackStep rollback = new AutomaticRollbackStep(Sync.DEFAULT, (access, revisions, lock) -> {
        throw new AssertionError("rolled back under a lost lock");
    });

    /** The run has no desired state: a step that went on past the lost lock throws on it (a NullPointerException). */
    private static TargetOutcome runUnderTheLostLock(EnvironmentPipeline pipeline, EnvironmentRun run) {
        return assertDoesNotThrow(() -> pipeline.run(run), "a step went on past the lost lock");
    }

    @Test
    void aLockLostBetweenTwoWritePhasesStopsBeforeTheNext() {
        // a client of no server: an empty plan sends nothing, and a step that went on past the lock would fail on it
        var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build()).build();
        var target = new io.kustos.config.Target("staging", "staging", List.of(), null, null, false);
        var run = new EnvironmentRun(new EnvironmentAccess(target, client, null, null), null, null, false);
        run.plan = new Plan("staging", null, List.of(), List.of(), List.of(), List.of());
        var pipeline = new EnvironmentPipeline("apply", List.of(locked(lostAfter(1)),
                new WriteStep(new Rollouts(Sync.DEFAULT, Duration.ofMillis(10), Clock.systemUTC())), rollback, new RecordStep(null, null)));

        var outcome = runUnderTheLostLock(pipeline, run);

        var failed = assertInstanceOf(TargetOutcome.Failed.class, outcome);
        assertEquals(List.of("writing the configs", "writing the workloads"), checked, "checked before each phase, stopped at the second");
        assertEquals(FailureReason.WRITE_LOCK_LOST, failed.error().reason());
        assertInstanceOf(TransientException.class, failed.error(), "exit 5: try again");
        assertNull(run.writeFailure, "not a write failure: nothing rolls back");
        assertTrue(released, "the lock is given up (a lost one releases nothing)");
        String m = failed.error().getMessage();
        assertTrue(m.startsWith("staging: lost the write lock (Lease web/kustos-lock-staging) before writing the workloads: "
                + "it was not renewed in time, and another writer may have taken it over (it is now held by \"kustos run pod-b pid 1\")"), m);
        assertTrue(m.contains("nothing more was written or recorded; what this run had already written stays as it is. Try again"), m);
        client.close();
    }

    @Test
    void aLockLostBeforeTheAutomaticRollbackRollsNothingBack() {
        var run = EnvironmentPipelineTest.run("staging");
        var pipeline = new EnvironmentPipeline("apply", List.of(locked(lostAfter(0)), r -> {
            r.writeFailure = new TransientException("a write failed", FailureReason.CLUSTER_UNREACHABLE, null);
            return Step.next();
        }, rollback, new RecordStep(null, null)));

        var failed = assertInstanceOf(TargetOutcome.Failed.class, runUnderTheLostLock(pipeline, run));

        assertEquals(List.of("the automatic rollback"), checked);
        assertEquals(FailureReason.WRITE_LOCK_LOST, failed.error().reason());
        assertNull(run.rollback, "not rolled back");
    }

    @Test
    void aLockLostBeforeTheRecordRecordsNothing() {
        var run = EnvironmentPipelineTest.run("staging");
        var pipeline = new EnvironmentPipeline("apply", List.of(locked(lostAfter(0)), rollback, new RecordStep(null, null)));

        var failed = assertInstanceOf(TargetOutcome.Failed.class, runUnderTheLostLock(pipeline, run));

        assertEquals(List.of("recording the revision in the history"), checked);
        assertEquals(FailureReason.WRITE_LOCK_LOST, failed.error().reason());
    }

    @Test
    void aLockLostDuringTheAutomaticRollbackStopsItsRestoreBeforeItsWritePhase() {
        var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build()).build();
        var target = new io.kustos.config.Target("staging", "staging", List.of(), null, null, false);
        var access = new EnvironmentAccess(target, client, null, null);
        var run = new EnvironmentRun(access, null, null, false);
        var failed = new io.kustos.render.SourceRevisions(new io.kustos.source.Revision("main", "c".repeat(40)), null,
                new io.kustos.source.Revision("main", "b".repeat(40)), null);
        run.desired = new io.kustos.render.DesiredState("staging", "staging", failed, List.of(), List.of(), List.of(), "sha256:0");
        var good = io.kustos.source.RevisionPair.parse("config=main@sha1:" + "a".repeat(40) + ";releases=main@sha1:" + "b".repeat(40));
        run.past = new io.kustos.history.History(new io.kustos.history.TargetState(good, null, null), List.of());
        var rollouts = new Rollouts(Sync.DEFAULT, Duration.ofMillis(10), Clock.systemUTC());
        // the restore's own write phase, as the restore pipeline ends (an empty plan: a write that went on would fail on no server)
        var restoring = new AutomaticRollbackStep(Sync.DEFAULT, (to, revisions, lock) -> {
            var restore = new EnvironmentRun(to, null, null, false);
            restore.plan = new Plan("staging", null, List.of(), List.of(), List.of(), List.of());
            restore.lock = lock == null ? null : lock.borrowed();
            var outcome = new EnvironmentPipeline("restore", List.of(new RestoreWriteStep(rollouts))).run(restore);
            if (outcome instanceof TargetOutcome.Failed f) {
                throw f.error();
            }
            return ((TargetOutcome.Applied) outcome).diff();
        });
        var pipeline = new EnvironmentPipeline("apply", List.of(locked(lostAfter(1)), r -> {
            r.writeFailure = new TransientException("a write failed", FailureReason.CLUSTER_UNREACHABLE, null);
            return Step.next();
        }, restoring, new RecordStep(null, null)));

        var outcome = assertInstanceOf(TargetOutcome.Failed.class, runUnderTheLostLock(pipeline, run));

        assertEquals(List.of("the automatic rollback", "writing the configs"), checked,
                "the rollback's restore checks the run's lock before its first write phase, and stops there");
        assertEquals(FailureReason.WRITE_LOCK_LOST, outcome.error().reason(), outcome.error().getMessage());
        assertInstanceOf(TransientException.class, outcome.error(), "exit 5: try again, not a failed rollback");
        assertNull(run.rollback, "not rolled back");
        client.close();
    }
}
