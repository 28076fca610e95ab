package io.kustos.reconcile;

import io.kustos.live.FingerprintKey;
import io.kustos.live.LiveStateReader;
import io.kustos.live.WatchedObjects;

import java.util.Optional;

/**
 * Reads what the cluster holds of the desired state, and the environment's history from the same
 * lists. When Kustos is going to write ({@code write}), the fingerprint key is made if there is none yet.
 * Before the write lock, in the daemon ({@link #beforeTheLock}), the watch caches stand in for the lists
 * while every watch is up (the history is read fresh, by a GET): what is read there only decides whether to
 * take the lock, and everything is listed again under it.
 */
final class ReadLiveStep implements Step {
    private final boolean write;
    /** The daemon's watches, read instead of listing (null: always list). */
    private final HealMemory memory;

    ReadLiveStep(boolean write) {
        this(write, null);
    }

    private ReadLiveStep(boolean write, HealMemory memory) {
        this.write = write;
        this.memory = memory;
    }

    /**
     * The read before the write lock of a run that may write: from the watch caches when {@code memory} watches and every
     * watch is up (no fingerprint key made: a Secret that cannot be compared without it counts as differing, which takes
     * the lock, and the read under it makes the key); otherwise as {@code new ReadLiveStep(true)}.
     */
    static ReadLiveStep beforeTheLock(HealMemory memory) {
        return new ReadLiveStep(true, memory);
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        var cached = memory != null && memory.watches() ? cached(memory.watched(run.access.target()), run) : null;
        if (cached != null) {
            run.found = cached;
            run.live = cached.state();
            return Step.next();
        }
        var client = run.access.client();
        run.found = new LiveStateReader(client).read(run.desired);
        run.live = write ? FingerprintKey.ensure(client, run.desired, run.found.state()) : run.found.state();
        return Step.next();
    }

    /** What the caches hold, or null when a watch is not up (down, stopped, not started or synced yet). */
    private static LiveStateReader.Found cached(WatchedObjects watched, EnvironmentRun run) {
        var objects = watched.caches();
        if (objects.isEmpty() || !watched.watching()) {
            return null;
        }
        LiveStateReader.Found found;
        try {
            found = new LiveStateReader(objects.get()).read(run.desired);
        } catch (WatchedObjects.WatchUnavailableException e) {
            return null;
        }
        if (!watched.watching()) {
            return null;
        }
        // the history decides what the run may do: read fresh, by one GET (a history kept in parts is listed with the rest)
        io.fabric8.kubernetes.api.model.ConfigMap history;
        try {
            history = run.access.client().configMaps().inNamespace(run.desired.namespace()).withName(LiveStateReader.HISTORY).get();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            return null; // the lists say what failed
        }
        boolean parted = history != null && history.getData() != null && history.getData().keySet().stream().anyMatch(k -> k.startsWith("p"));
        return parted ? null : new LiveStateReader.Found(found.state(), history);
    }
}
