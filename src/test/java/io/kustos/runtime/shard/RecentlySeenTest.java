package io.kustos.runtime.shard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Review9-shard #18: the replicas a daemon saw, and the strangers it named, are kept only as long as a dead member's
 * Lease is: a replica running for months does not keep every pod name of every rollout, and a former replica's
 * identity reused elsewhere is reported again.
 */
class RecentlySeenTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void namesNotSeenForTheirTimeAreForgotten() {
        var seen = new RecentlySeen(Duration.ofSeconds(165));
        assertTrue(seen.isEmpty());
        assertTrue(seen.see("kustos-7d9f-a", T0), "new");
        assertTrue(seen.see("kustos-7d9f-b", T0));
        assertFalse(seen.see("kustos-7d9f-a", T0.plusSeconds(100)), "seen again within its time");
        assertEquals(List.of("kustos-7d9f-a", "kustos-7d9f-b"), seen.names());

        assertTrue(seen.see("kustos-8e0a-c", T0.plusSeconds(200)), "after a rollout");
        assertEquals(List.of("kustos-7d9f-a", "kustos-8e0a-c"), seen.names(), "b not seen for 200 s: forgotten");
        assertFalse(seen.contains("kustos-7d9f-b"));
        assertTrue(seen.see("kustos-7d9f-b", T0.plusSeconds(201)), "new again once forgotten");
    }

    /** Review11b: a cut-off replica's lock found minutes later, or a stranger seen at every 5-minute poll, is not news. */
    @Test
    void aShardedDaemonRemembersForADayAtLeast() {
        var defaults = io.kustos.config.Sharding.DEFAULT;
        assertEquals(Duration.ofDays(1), Shards.remembered(defaults));
        var seen = new RecentlySeen(Shards.remembered(defaults));
        assertTrue(seen.see("kustos run pod-x pid 1", T0));
        assertFalse(seen.see("kustos run pod-x pid 1", T0.plus(Duration.ofMinutes(5))), "seen at the next 5-minute poll: said once");
        assertTrue(seen.contains("kustos run pod-x pid 1"));
        var slow = new io.kustos.config.Sharding(true, "kustos-system", Duration.ofHours(3), Duration.ofHours(2), Duration.ofMinutes(1));
        assertEquals(Duration.ofHours(33), Shards.remembered(slow), "as long as a dead member's Lease is kept, when that is longer");
    }
}
