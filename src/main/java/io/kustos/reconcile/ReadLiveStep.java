package io.kustos.reconcile;

import io.kustos.live.FingerprintKey;
import io.kustos.live.LiveStateReader;

import java.util.Optional;

/**
 * Reads what the cluster holds of the desired state, and the environment's history from the same
 * lists; in the daemon's apply, from the watch caches while they vouch for it ({@link CachedLiveRead}). When Kustos is
 * going to write ({@code write}), the fingerprint key is made if there is none yet.
 */
final class ReadLiveStep implements Step {
    private final boolean write;
    private final CachedLiveRead cached;

    ReadLiveStep(boolean write) {
        this(write, null);
    }

    private ReadLiveStep(boolean write, CachedLiveRead cached) {
        this.write = write;
        this.cached = cached;
    }

    /** The daemon's apply: reads from the watch caches while they vouch for the environment, else lists. */
    static ReadLiveStep fromCaches(CachedLiveRead cached) {
        return new ReadLiveStep(true, cached);
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.readBeforeLockStands) {
            return Step.next(); // no writer has held the lock: what was read before it stands (LockStep)
        }
        var client = run.access.client();
        var found = cached == null ? null : cached.read(run);
        run.found = found != null ? found : new LiveStateReader(client).read(run.desired);
        run.live = write ? FingerprintKey.ensure(client, run.desired, run.found.state()) : run.found.state();
        return Step.next();
    }
}
