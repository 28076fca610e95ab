package io.kustos.reconcile;

import io.kustos.source.Lineage;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18, point 3: a one-key commit among N environments at the same last good revision looks up where that revision
 * stands to the new head once, not once per environment (each lookup locks and opens the clone and walks its commits).
 * Only "the head descends from it" is remembered; an answer that depends on the branch as fetched is asked again.
 */
class TheLineageIsLookedUpOncePerRevisionTest {
    private static Revision rev(char c) {
        return new Revision("main", String.valueOf(c).repeat(40));
    }

    /** The clones, counting the lookups that reach them. */
    private static class CountingClones implements SnapshotLookup {
        final List<String> asked = new CopyOnWriteArrayList<>();
        Lineage answer = Lineage.ANCESTOR;

        @Override
        public RepoSnapshot config(Revision revision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RepoSnapshot releases(Revision revision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Lineage lineage(String source, Revision from, Revision to) {
            asked.add(source + " " + from.sha().charAt(0) + ".." + to.sha().charAt(0));
            return answer;
        }
    }

    @Test
    void aHundredEnvironmentsAtOneLastGoodRevisionAskTheClonesOnce() {
        var clones = new CountingClones();
        SnapshotLookup lookup = KnownLineages.of(clones);
        for (int environment = 0; environment < 100; environment++) {
            assertEquals(Lineage.ANCESTOR, lookup.lineage("config", rev('a'), rev('b')));
            assertEquals(Lineage.ANCESTOR, lookup.lineage("releases", rev('c'), rev('d')));
        }
        assertEquals(List.of("config a..b", "releases c..d"), clones.asked);

        lookup.lineage("config", rev('a'), rev('e')); // a new head: asked
        lookup.lineage("releases", rev('a'), rev('b')); // the other source: asked
        assertEquals(List.of("config a..b", "releases c..d", "config a..e", "releases a..b"), clones.asked);
    }

    @Test
    void aForcePushIsAskedAgainEveryTime() {
        var clones = new CountingClones();
        SnapshotLookup lookup = KnownLineages.of(clones);
        for (Lineage answer : List.of(Lineage.REWRITTEN, Lineage.GONE, Lineage.NEWER_ON_BRANCH)) {
            clones.answer = answer;
            assertEquals(answer, lookup.lineage("config", rev('a'), rev('b')));
            assertEquals(answer, lookup.lineage("config", rev('a'), rev('b')));
        }
        assertEquals(6, clones.asked.size(), "what depends on the branch as fetched is never remembered: " + clones.asked);
        assertNull(KnownLineages.of(null), "no clones: none");
    }

    /** review12b: a lookup held up on one clone (a fetch after a force push) holds up none of the other's. */
    @Test
    void aSlowLookupOfOneCloneHoldsUpNoneOfTheOther() throws Exception {
        var clones = new CountingClones() {
            final CountDownLatch slow = new CountDownLatch(1);

            @Override
            public Lineage lineage(String source, Revision from, Revision to) {
                asked.add(source + " " + from.sha().charAt(0) + ".." + to.sha().charAt(0));
                if (source.equals("config")) {
                    try {
                        slow.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return answer;
            }
        };
        SnapshotLookup lookup = KnownLineages.of(clones);
        var pool = Executors.newFixedThreadPool(3);
        try {
            var config = pool.submit(() -> lookup.lineage("config", rev('a'), rev('b')));
            var configAgain = pool.submit(() -> lookup.lineage("config", rev('a'), rev('b')));
            await().until(() -> clones.asked.contains("config a..b"));
            var releases = pool.submit(() -> lookup.lineage("releases", rev('c'), rev('d')));
            assertEquals(Lineage.ANCESTOR, releases.get(1, TimeUnit.MINUTES), "answered while the config clone is busy");
            clones.slow.countDown();
            assertEquals(Lineage.ANCESTOR, config.get(1, TimeUnit.MINUTES));
            assertEquals(Lineage.ANCESTOR, configAgain.get(1, TimeUnit.MINUTES));
            assertEquals(List.of("config a..b", "releases c..d"), clones.asked, "the second config lookup waited for the first's answer");
        } finally {
            clones.slow.countDown();
            pool.shutdownNow();
        }
    }
}
