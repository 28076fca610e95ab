package io.kustos.reconcile;

import io.kustos.source.Lineage;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local clones ({@link SnapshotLookup}), asked once per revision where an earlier commit stands to the head: every
 * environment whose last good revision is the same commit asks the same question when a new commit comes, and each answer
 * meant a lock of the clone, opening it and a walk of its commits. Only {@link Lineage#ANCESTOR} is remembered: that a
 * commit descends from another is fixed by the commits themselves (their ids name their parents), whatever the branch
 * does later; the other answers depend on the branch as fetched, and are asked again every time.
 */
final class KnownLineages implements SnapshotLookup {
    /** Pairs kept: a few revisions' worth of last good commits. */
    private static final int KEPT = 256;

    private final SnapshotLookup clones;
    private final Set<String> ancestors = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    }));

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private KnownLineages(SnapshotLookup clones) {
        this.clones = clones;
    }

    /** {@code clones} remembering their answers, or null for none. */
    static SnapshotLookup of(SnapshotLookup clones) {
        return clones == null || clones instanceof KnownLineages ? clones : new KnownLineages(clones);
    }

    @Override
    public RepoSnapshot config(Revision revision) {
        return clones.config(revision);
    }

    @Override
    public RepoSnapshot releases(Revision revision) {
        return clones.releases(revision);
    }

    @Override
    public Lineage lineage(String source, Revision from, Revision to) {
        String pair = source + ' ' + from.sha() + ' ' + to.sha();
        if (ancestors.contains(pair)) {
            return Lineage.ANCESTOR;
        }
        // environments run at once: the first asks, the others wait for its answer (a clone answers one at a time
        // anyway); per source, so that a slow fetch of one clone holds up no lookup of the other (review12b)
        synchronized (locks.computeIfAbsent(source, s -> new Object())) {
            if (ancestors.contains(pair)) {
                return Lineage.ANCESTOR;
            }
            Lineage lineage = clones.lineage(source, from, to);
            if (lineage == Lineage.ANCESTOR) {
                ancestors.add(pair);
            }
            return lineage;
        }
    }
}
