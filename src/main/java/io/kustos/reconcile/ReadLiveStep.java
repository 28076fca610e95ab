package io.kustos.reconcile;

import io.kustos.live.FingerprintKey;
import io.kustos.live.LiveStateReader;

import java.util.Optional;

/**
 * Reads what the cluster holds of the desired state, and the environment's history from the same
 * lists. When Kustos is going to write ({@code write}), the fingerprint key is made if there is none yet.
 */
final class ReadLiveStep implements Step {
    private final boolean write;

    ReadLiveStep(boolean write) {
        this.write = write;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.readBeforeLockStands) {
            return Step.next(); // no writer has held the lock: what was read before it stands (LockStep)
        }
        var client = run.access.client();
        run.found = new LiveStateReader(client).read(run.desired);
        run.live = write ? FingerprintKey.ensure(client, run.desired, run.found.state()) : run.found.state();
        return Step.next();
    }
}
