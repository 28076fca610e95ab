package io.kustos.runtime.shard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Which request a replica's look acts on: one another replica recorded since the last look, once. */
class RequestWatchTest {
    private static ReconcileRequests.Request by(String replica, String at) {
        return new ReconcileRequests.Request(at, replica);
    }

    @Test
    void onlyARequestAnotherReplicaRecordedSinceTheLastLookIsNews() {
        var watch = new RequestWatch("a");
        assertFalse(watch.fresh(by("b", "2026-12-05T12:00:00Z")), "the first look only remembers what was there before it joined");
        assertFalse(watch.fresh(by("b", "2026-12-05T12:00:00Z")), "the same request again");
        assertTrue(watch.fresh(by("b", "2026-12-05T12:00:05Z")), "a new one by b");
        assertFalse(watch.fresh(by("b", "2026-12-05T12:00:05Z")), "acted on once");
        assertFalse(watch.fresh(by("a", "2026-12-05T12:00:09Z")), "its own: it polled already");
        assertFalse(watch.fresh(null), "none");
        assertTrue(watch.fresh(by("c", "2026-12-05T12:00:09Z")), "after none, a new one by c");
    }

    @Test
    void aNewReplicaActsOnNothingAtItsFirstLookEvenWithNoRequestYet() {
        var watch = new RequestWatch("a");
        assertFalse(watch.fresh(null));
        assertTrue(watch.fresh(by("b", "2026-12-05T12:00:00Z")), "the first request after its first look");
    }
}
