package io.kustos.reconcile;

import io.kustos.source.Lineage;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
    private static final class CountingClones implements SnapshotLookup {
        final List<String> asked = new ArrayList<>();
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
}
