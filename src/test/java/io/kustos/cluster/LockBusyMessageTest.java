package io.kustos.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A held write lock in words: {@code kustos apply} says how long it waited (whole seconds, when it
 * waited at all) and how to wait longer; the daemon, which does not wait, says when it tries again.
 */
class LockBusyMessageTest {
    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");
    private static final LeaseState HELD = new LeaseState("kustos apply by bob@ci pid 9", T0, T0, Duration.ofSeconds(30), 1);

    private static LockBusyException busy(Duration waited) {
        return new LockBusyException("staging", "web/kustos-lock-staging", HELD, waited, T0.plusSeconds(10));
    }

    @Test
    void theDaemonSaysItTriesAgainWhenTheLockExpires() {
        String m = busy(Duration.ofMillis(3)).daemonMessage();
        assertEquals("staging is being written by another writer: Lease web/kustos-lock-staging is held by \"kustos apply by bob@ci pid 9\" "
                + "since 2026-12-05T06:00:00Z; tries again when the lock expires (at 2026-12-05T06:00:30Z, 30s after its last renewal), "
                + "or at the next poll if that is sooner", m);
        assertFalse(m.contains("--lock-wait"), m);
        assertFalse(m.contains("waited"), m);
    }

    @Test
    void aWaitUnderASecondIsNotCountedAsZeroSeconds() {
        assertFalse(busy(Duration.ofMillis(300)).getMessage().contains("(waited 0s)"));
        assertTrue(busy(Duration.ofSeconds(5)).getMessage().contains("(waited 5s)"));
    }

    @Test
    void itsShortWordIsLocked() {
        assertEquals("locked", busy(Duration.ZERO).kind());
    }
}
