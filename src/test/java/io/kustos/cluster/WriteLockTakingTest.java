package io.kustos.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.kustos.testsupport.LogCapture;
import io.kustos.testsupport.MovingClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.config.WriteLock;
import io.kustos.failure.FailureReason;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15 point 5, the rules of an environment's write lock, by an injected clock and an
 * in-memory Lease: taken when free, refused (naming the holder and since when) while its holder
 * renews it, taken over once a dead holder's lease duration has passed, renewed, released, and of
 * two writers at once only one wins.
 */
class WriteLockTakingTest {
    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");
    private static final WriteLock SETTINGS = new WriteLock(Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final MovingClock clock = new MovingClock(T0);
    private final MemoryLease store = new MemoryLease();
    private final List<Runnable> renewals = new ArrayList<>();

    private EnvironmentLock lock(String holder, EnvironmentLock.Sleeper sleeper) {
        return new EnvironmentLock(store, "staging", "web/kustos-lock-staging", holder, SETTINGS, clock,
                (every, renewal) -> {
                    assertEquals(SETTINGS.renewEvery(), every);
                    renewals.add(renewal);
                    return () -> renewals.remove(renewal);
                }, sleeper, null);
    }

    private EnvironmentLock lock(String holder) {
        return lock(holder, d -> clock.advance(d));
    }

    @Test
    void aFreeLockIsTakenAndSaysWhoAndWhen() {
        lock("kustos apply by alice@laptop pid 7").acquire(Duration.ZERO);
        LeaseState state = LeaseState.of(store.lease);
        assertEquals("kustos apply by alice@laptop pid 7", state.holder());
        assertEquals(T0, state.acquired());
        assertEquals(T0, state.renewed());
        assertEquals(Duration.ofSeconds(30), state.duration());
        assertEquals(1, renewals.size(), "renewed while held");
    }

    @Test
    void aLockItsHolderRenewsIsRefusedNamingTheHolderAndSinceWhen() {
        lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(12));
        var busy = assertThrows(LockBusyException.class, () -> lock("kustos apply by bob@host pid 9").acquire(Duration.ZERO));
        assertEquals(FailureReason.WRITE_LOCKED, busy.reason());
        assertEquals("locked", busy.kind());
        String m = busy.getMessage();
        assertTrue(m.startsWith("staging is being written by another writer: Lease web/kustos-lock-staging is held by "
                + "\"kustos run pod-a pid 1\" since 2026-12-05T06:00:00Z"), m);
        assertTrue(m.contains("Try again when it is done (kustos apply --lock-wait waits longer)"), m);
        assertTrue(m.contains("its lock expires at 2026-12-05T06:00:30Z, 30s after its last renewal"), m);
        assertEquals(Duration.ofSeconds(18), busy.retryAfter(), "retry when it would expire");
    }

    @Test
    void aWriterWaitsWhileTheHolderRenewsAndGivesUpAtItsBound() {
        lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        Runnable holderRenews = renewals.get(0);
        var busy = assertThrows(LockBusyException.class, () -> lock("kustos apply by bob@host pid 9", d -> {
            clock.advance(d);
            holderRenews.run(); // the holder is alive: it renews as often as the other looks
        }).acquire(Duration.ofMinutes(2)));
        assertEquals(T0.plus(Duration.ofMinutes(2)), clock.instant(), "waited exactly its bound");
        assertTrue(busy.getMessage().contains("(waited 120s)"), busy.getMessage());
        assertEquals("kustos run pod-a pid 1", LeaseState.of(store.lease).holder());
    }

    @Test
    void aDeadHoldersLockIsTakenOverOnceItsDurationPassed() {
        lock("kustos apply by ghost@gone pid 4").acquire(Duration.ZERO); // then killed with -9: never renewed, never released
        renewals.clear();
        clock.advance(Duration.ofSeconds(5));
        lock("kustos apply by bob@host pid 9").acquire(Duration.ofMinutes(2));
        assertFalse(clock.instant().isBefore(T0.plusSeconds(30)), "not before the dead holder's lease expired: " + clock.instant());
        assertTrue(clock.instant().isBefore(T0.plusSeconds(30).plus(EnvironmentLock.RETRY).plusMillis(1)),
                "soon after it expired: " + clock.instant());
        LeaseState state = LeaseState.of(store.lease);
        assertEquals("kustos apply by bob@host pid 9", state.holder());
        assertEquals(clock.instant(), state.acquired());
        assertEquals(1, state.transitions());
    }

    /**
     * Review9-shard #5: what a Lease is to its holder is the caller's {@link LeaseRole}, not a switch on its wording or
     * its expiry: a write lock's takeover is a warning (a writer died holding it), a sharded Lease's is the usual course.
     */
    @Test
    void theRoleSaysHowATakeoverIsLoggedAndHowErrorsNameTheLease() {
        for (LeaseRole role : java.util.List.of(LeaseRole.WRITE_LOCK, LeaseRole.SHARDING)) {
            store.lease = null;
            lock("pod-dead").acquire(Duration.ZERO);
            clock.advance(Duration.ofSeconds(31));
            var taker = new EnvironmentLock(store, "staging", "kustos-system/kustos-env-staging", "pod-b", SETTINGS, clock,
                    (every, renewal) -> () -> { }, d -> clock.advance(d), null, LeaseExpiry.RENEW_TIME, role);
            try (var log = io.kustos.testsupport.LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
                taker.acquire(Duration.ZERO);
                var took = log.events().stream().filter(e -> e.getFormattedMessage().contains("took over the " + role.noun() + " ")).toList();
                assertEquals(1, took.size(), log.events().toString());
                assertEquals(role.takeoverExpected() ? ch.qos.logback.classic.Level.INFO : Level.WARN, took.get(0).getLevel());
            }
            store.beforeNextWrite = () -> {
                throw new KubernetesClientException("leases is forbidden", 403, null);
            };
            clock.advance(Duration.ofSeconds(31));
            var e = assertThrows(io.kustos.failure.KustosException.class, () -> new EnvironmentLock(store, "staging",
                    "kustos-system/kustos-env-staging", "pod-c", SETTINGS, clock, (every, renewal) -> () -> { }, d -> clock.advance(d), null,
                    LeaseExpiry.RENEW_TIME, role).acquire(Duration.ZERO));
            assertTrue(e.getMessage().startsWith("staging: the " + role.asLease() + " kustos-system/kustos-env-staging: take was forbidden"),
                    e.getMessage());
        }
        assertEquals("write lock Lease", LeaseRole.WRITE_LOCK.asLease());
        assertEquals("Lease", LeaseRole.SHARDING.asLease());
    }

    @Test
    void aReleasedLockIsTakenAtOnce() {
        lock("kustos apply by alice@laptop pid 7").acquire(Duration.ZERO).close();
        assertNull(LeaseState.of(store.lease).holder());
        assertTrue(renewals.isEmpty(), "no renewal after the release");
        lock("kustos apply by bob@host pid 9", d -> fail("no wait for a released lock")).acquire(Duration.ofMinutes(2));
        assertEquals("kustos apply by bob@host pid 9", LeaseState.of(store.lease).holder());
    }

    @Test
    void renewingMovesTheExpiryAndALockTakenOverIsReportedLost() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(10));
        held.renew();
        assertEquals(T0.plusSeconds(10), LeaseState.of(store.lease).renewed());
        assertEquals(T0, LeaseState.of(store.lease).acquired(), "renewing keeps when it was taken");
        assertFalse(held.lost());

        clock.advance(Duration.ofSeconds(31)); // e.g. the process was paused: its lease expired and was taken
        lock("kustos run pod-b pid 1").acquire(Duration.ZERO);
        held.renew();
        assertTrue(held.lost(), "the old holder knows it lost the lock");
        assertEquals("kustos run pod-b pid 1", LeaseState.of(store.lease).holder());
        held.close();
        assertEquals("kustos run pod-b pid 1", LeaseState.of(store.lease).holder(), "closing a lost lock releases nothing");
    }

    /** Renewals that fail (the API server down) until the lease expired: another writer may take it from then on. */
    @Test
    void aLockWhoseRenewalsFailedPastItsDurationIsLost() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        store.beforeEveryWrite = () -> {
            throw new KubernetesClientException("service unavailable", 503, null);
        };
        clock.advance(Duration.ofSeconds(10));
        held.renew();
        clock.advance(Duration.ofSeconds(19));
        held.renew();
        assertFalse(held.lost(), "still within its duration");
        held.ensureHeld("writing the workloads");

        clock.advance(Duration.ofSeconds(1)); // 30s after the last renewal that succeeded
        held.renew();
        assertTrue(held.lost(), "expired: no longer this writer's");
        var e = assertThrows(LockLostException.class, () -> held.ensureHeld("writing the workloads"));
        assertEquals(FailureReason.WRITE_LOCK_LOST, e.reason());
        assertEquals("staging: lost the write lock (Lease web/kustos-lock-staging) before writing the workloads: it was not renewed "
                + "in time, and another writer may have taken it over. Stopped: nothing more was written or recorded; what this run "
                + "had already written stays as it is. Try again: the next run reads the cluster and the history again and completes it",
                e.getMessage());
    }

    @Test
    void aLockTakenOverSaysByWhomWhenChecked() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(31));
        lock("kustos run pod-b pid 1").acquire(Duration.ZERO);
        held.renew();
        var e = assertThrows(LockLostException.class, () -> held.ensureHeld("recording the revision in the history"));
        assertTrue(e.getMessage().contains("before recording the revision in the history: it was not renewed in time, and another "
                + "writer may have taken it over (it is now held by \"kustos run pod-b pid 1\")"), e.getMessage());
    }

    /** A release that got no answer (HTTP -1) names its cause, as the other API failures do. */
    @Test
    void aReleaseThatFailsNamesTheCause() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        store.beforeEveryWrite = () -> {
            throw new KubernetesClientException("Operation: [update] for kind: [Lease] failed.", -1, null) {
                @Override
                public synchronized Throwable getCause() {
                    return new ConnectException("Connection refused");
                }
            };
        };
        try (var log = LogCapture.start()) {
            held.close();
            var warning = log.events().stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("could not release")).findFirst().orElseThrow();
            assertEquals("staging: could not release the write lock web/kustos-lock-staging: ConnectException: Connection refused; "
                    + "it expires 30s after its last renewal", warning);
        }
    }

    /**
     * A renewal written by the API server whose answer was lost, retried by the client within the same attempt, gets
     * 409: the Lease then names this holder at this attempt's time. That is this process's own write, no other process
     * using its identity (review9-shard #19).
     */
    @Test
    void aRenewalAnsweredOnlyOnItsRetryIsNoTwin() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(10));
        store.beforeNextWrite = () -> store.store(lease(LeaseState.of(store.lease).takenBy("kustos run pod-a pid 1", clock.instant(),
                SETTINGS.leaseDuration()))); // the first send, written; its answer lost, the retry conflicts
        try (var log = io.kustos.testsupport.LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
            held.renew();
            assertFalse(held.lost());
            assertTrue(log.events().stream().noneMatch(e -> e.getFormattedMessage().contains("same identity")),
                    () -> log.events().stream().map(ILoggingEvent::getFormattedMessage).toList().toString());
        }
        assertEquals(clock.instant(), LeaseState.of(store.lease).renewed());
    }

    /** Two unanswered renewals, then a conflict on the first one's write: still its own. */
    @Test
    void anEarlierUnansweredRenewalIsNoTwinEither() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(10));
        Instant first = clock.instant();
        store.beforeNextWrite = () -> {
            store.store(lease(LeaseState.of(store.lease).takenBy("kustos run pod-a pid 1", first, SETTINGS.leaseDuration())));
            throw new KubernetesClientException("timeout", -1, null); // written, no answer
        };
        held.renew();
        clock.advance(Duration.ofSeconds(5));
        store.beforeNextWrite = () -> {
            throw new KubernetesClientException("timeout", -1, null); // not written, no answer
        };
        held.renew();
        clock.advance(Duration.ofSeconds(5));
        try (var log = io.kustos.testsupport.LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
            held.renew(); // conflicts with the first unanswered write, renews on the fresh Lease
            assertTrue(log.events().stream().noneMatch(e -> e.getFormattedMessage().contains("same identity")),
                    () -> log.events().stream().map(ILoggingEvent::getFormattedMessage).toList().toString());
        }
        assertFalse(held.lost());
        assertEquals(clock.instant(), LeaseState.of(store.lease).renewed());
    }

    private static Lease lease(LeaseState state) {
        var lease = new LeaseBuilder().withNewMetadata().withName("kustos-lock-staging").withNamespace("web").endMetadata()
                .withNewSpec().endSpec().build();
        state.writeTo(lease.getSpec());
        return lease;
    }

    @Test
    void ofTwoWritersTakingAFreeLockAtOnceOnlyOneWins() {
        lock("kustos run pod-a pid 1").acquire(Duration.ZERO).close();
        // bob reads the free lease; alice takes it before bob writes: bob's replace conflicts, he reads again and sees alice
        store.beforeNextWrite = () -> lock("kustos apply by alice@laptop pid 7").acquire(Duration.ZERO);
        var busy = assertThrows(LockBusyException.class, () -> lock("kustos apply by bob@host pid 9").acquire(Duration.ZERO));
        assertTrue(busy.getMessage().contains("\"kustos apply by alice@laptop pid 7\""), busy.getMessage());
        assertEquals("kustos apply by alice@laptop pid 7", LeaseState.of(store.lease).holder());
    }

    /** A take answered by 409 again and again (another writer always first, a proxy, a bug) still ends at the bound. */
    @Test
    void repeatedConflictsOnTakingEndAtTheBound() {
        int[] takes = {0};
        store.beforeEveryWrite = () -> {
            if (++takes[0] > 10_000) {
                throw new AssertionError("still taking after 10,000 conflicts at " + clock.instant() + ": the deadline did not hold");
            }
            throw new KubernetesClientException("the object has been modified", 409, null);
        };
        var busy = assertThrows(LockBusyException.class, () -> lock("kustos apply by bob@host pid 9").acquire(Duration.ofMinutes(2)));
        assertEquals(T0.plus(Duration.ofMinutes(2)), clock.instant(), "gave up at its bound");
        assertTrue(busy.getMessage().contains("(waited 120s)"), busy.getMessage());
        for (String told : List.of(busy.getMessage(), busy.daemonMessage())) {
            assertFalse(told.matches(".*(null|1970).*"), "a Lease read back unheld names no holder nor expiry: " + told);
        }
    }

    @Test
    void aHolderWithAControlCharacterIsShownEscaped() {
        lock("evil\nERROR forged line").acquire(Duration.ZERO);
        var busy = assertThrows(LockBusyException.class, () -> lock("kustos apply by bob@host pid 9").acquire(Duration.ZERO));
        assertTrue(busy.getMessage().contains("\"evil\\nERROR forged line\""), busy.getMessage());
        assertFalse(busy.getMessage().contains("\n"), busy.getMessage());
    }

    @Test
    void aLockTheServerForbidsIsRefusedNamingTheLease() {
        store.beforeNextWrite = () -> {
            throw new KubernetesClientException("leases is forbidden: User cannot create resource leases", 403, null);
        };
        var e = assertThrows(io.kustos.failure.KustosException.class, () -> lock("kustos apply by bob@host pid 9").acquire(Duration.ZERO));
        assertEquals(FailureReason.REFUSED_FORBIDDEN, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("staging: the write lock Lease web/kustos-lock-staging: take was forbidden"), e.getMessage());
    }

    @Test
    void aColdTakeCreatesTheLeaseWithoutReadingItAndReleasesItWithoutReadingIt() {
        var held = lock("kustos apply by alice@laptop pid 7").acquire(Duration.ZERO, true);
        assertTrue(held.first(), "no writer had held it: what was read before it stands");
        clock.advance(Duration.ofSeconds(10));
        held.renew();
        clock.advance(Duration.ofSeconds(10));
        held.renew();
        held.close();
        assertNull(LeaseState.of(store.lease).holder(), "released");
        assertEquals(List.of(0, 1, 3), List.of(store.gets, store.creates, store.replaces),
                "one create, two renewals, one release: no GET (was a GET before taking and one before releasing)");
    }

    @Test
    void aColdTakeOfALeaseThatExistsReadsItAndJudgesItAsAnyOther() {
        var first = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        first.close(); // released: the Lease stays
        var held = lock("kustos apply by bob@host pid 9").acquire(Duration.ZERO, true);
        assertFalse(held.first(), "another writer held it before: what was read before it is read again");
        assertEquals("kustos apply by bob@host pid 9", LeaseState.of(store.lease).holder());

        clock.advance(Duration.ofSeconds(1));
        var busy = assertThrows(LockBusyException.class, () -> lock("kustos apply by carol@host pid 3").acquire(Duration.ZERO, true));
        assertTrue(busy.getMessage().contains("is held by \"kustos apply by bob@host pid 9\""), busy.getMessage());
    }

    @Test
    void aReleaseAfterATakeOverReleasesNothing() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(31)); // paused past its lease: taken over
        lock("kustos run pod-b pid 1").acquire(Duration.ZERO);
        held.close();
        assertEquals("kustos run pod-b pid 1", LeaseState.of(store.lease).holder(), "the guarded release was refused (409), then read");
    }

    /** A Lease deleted by hand while held (say, by a user cleaning up a namespace) leaves nothing to release: no warning. */
    @Test
    void aLeaseDeletedWhileHeldIsReleasedWithoutAWarning() {
        var held = lock("kustos run pod-a pid 1").acquire(Duration.ZERO);
        store.lease = null;
        int replacesBefore = store.replaces;
        int getsBefore = store.gets;
        try (var log = LogCapture.start()) {
            held.close();
            assertEquals(List.of(), log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList());
        }
        assertNull(store.lease, "a release creates nothing");
        assertEquals(List.of(1, 0), List.of(store.replaces - replacesBefore, store.gets - getsBefore),
                "one guarded replace, answered 404, and no read after it");
    }

    /** One Lease in memory, replaced only at the resourceVersion it was read at, as the API server does. */
    private static final class MemoryLease implements EnvironmentLock.Leases {
        Lease lease;
        int version;
        Runnable beforeNextWrite;
        Runnable beforeEveryWrite = () -> { };

        /** Requests sent: GETs, creates, replaces. */
        int gets;
        int creates;
        int replaces;

        @Override
        public Lease get() {
            gets++;
            return lease == null ? null : new LeaseBuilder(lease).build();
        }

        @Override
        public Lease create(Lease l) {
            creates++;
            hook();
            if (lease != null) {
                throw new KubernetesClientException("already exists", 409, null);
            }
            return store(l);
        }

        @Override
        public Lease replace(Lease l) {
            replaces++;
            hook();
            if (lease == null) {
                throw new KubernetesClientException("leases.coordination.k8s.io not found", 404, null);
            }
            if (!String.valueOf(version).equals(l.getMetadata().getResourceVersion())) {
                throw new KubernetesClientException("the object has been modified", 409, null);
            }
            return store(l);
        }

        private void hook() {
            beforeEveryWrite.run();
            Runnable r = beforeNextWrite;
            beforeNextWrite = null;
            if (r != null) {
                r.run();
            }
        }

        private Lease store(Lease l) {
            version++;
            lease = new LeaseBuilder(l).editMetadata().withResourceVersion(String.valueOf(version)).endMetadata().build();
            return new LeaseBuilder(lease).build();
        }
    }
}
