package io.kustos.reconcile;

import io.kustos.cluster.EnvironmentLock;
import io.kustos.cluster.LockBusyException;
import io.kustos.config.WriteLock;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes the environment's write lock ({@link EnvironmentLock}) before the write phase, held until
 * the run ends ({@link EnvironmentPipeline} releases it): the writes, the rollout wait and the
 * record happen under it, and another writer of the same environment waits. When another writer
 * holds it, {@code kustos apply} waits up to its bound and then fails naming the holder; the daemon
 * ends the run as waiting ({@link WriteLockPolicy}). The steps that follow read the cluster and the
 * history again: another writer may have just written the same revision; unless no history was found
 * and the lock was taken by creating its Lease ({@link EnvironmentLock.Held#first()}): then no writer has
 * ever held it (releasing keeps the Lease), so none wrote since the first read, which stands (a cold apply
 * saves a list per kind and namespace). A Lease missing while the history exists (deleted by hand while a
 * writer held it) is created too, and what was read is read again.
 */
final class LockStep implements Step {
    private final WriteLock settings;
    private final Supplier<WriteLockPolicy> policy;
    private final Clock clock;

    LockStep(WriteLock settings, Supplier<WriteLockPolicy> policy, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        var ownership = policy.get().ownership();
        String environment = run.environment();
        ownership.ensureOwned(environment, "taking the write lock");
        try {
            // no history yet: most likely no writer has been here, and the Lease is created without a read first
            boolean likelyNew = run.found != null && run.found.history() == null;
            var held = take(run.access, likelyNew);
            run.lock = new OwnedLock(held, ownership, environment);
            // a Lease found missing while the history exists (deleted by hand) was created too, but writers have been here
            run.readBeforeLockStands = likelyNew && held.first();
        } catch (LockBusyException e) {
            ownership.heldByAnother(environment, e.lease(), e.state().holder());
            if (!policy.get().retryNextPoll()) {
                throw e;
            }
            return Step.stop(new TargetOutcome.Waiting(run.environment(), List.of(), e.daemonMessage(), e.retryAfter()));
        }
        // what was read before the lock is read again by the next steps
        run.purpose = EnvironmentRun.Purpose.APPLY;
        run.force = false;
        run.plan = null;
        return Step.next();
    }

    /** The write lock, checked together with this writer's ownership of the environment (a sharded daemon's share). */
    private record OwnedLock(io.kustos.cluster.HeldLock lock, EnvironmentOwnership ownership, String environment)
            implements io.kustos.cluster.HeldLock {
        @Override
        public void ensureHeld(String phase) {
            ownership.ensureOwned(environment, phase);
            lock.ensureHeld(phase);
        }

        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * Takes the lock of {@code access}'s environment as the policy says (as whom, waiting how long); also for a run
     * outside the pipelines (an emergency rollback). @throws LockBusyException when another writer still holds it
     */
    EnvironmentLock.Held take(EnvironmentAccess access) {
        return take(access, false);
    }

    private EnvironmentLock.Held take(EnvironmentAccess access, boolean likelyNew) {
        WriteLockPolicy p = policy.get();
        var target = access.target();
        return EnvironmentLock.of(access.client(), target.namespace(), target.environment(), p.holder(), settings, clock)
                .acquire(p.maxWait(), likelyNew);
    }
}
