package io.kustos.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.config.WriteLock;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.work.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One environment's write lock: the Lease {@code kustos-lock-<environment>} in the environment's
 * namespace; or another Lease taken the same way ({@link #named}, a sharded replica's), which its
 * {@link LeaseRole} names in log lines and errors. {@link #acquire} takes it — when nobody holds it, or its holder stopped renewing it
 * ({@link LeaseExpiry}: by its renewTime, or as a sharded replica observed it) — or waits for it up to a bound; the {@link Held} lock is renewed
 * every {@code renewEvery} until closed, which releases it. Taking and renewing replace the Lease
 * at the resourceVersion read, so of two writers at once exactly one wins.
 */
public final class EnvironmentLock {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentLock.class);
    /** How many unanswered renewals in a row are remembered (a lease duration holds only a few). */
    private static final int MOST_UNANSWERED = 16;
    /** How often a waiting writer looks at the Lease again. */
    static final Duration RETRY = Duration.ofMillis(250);

    /** Reads and writes the one Lease: fabric8 in production, a map in tests. */
    interface Leases {
        /** @return null when there is none */
        Lease get();

        Lease create(Lease lease);

        /** Replaces it at the lease's resourceVersion; a 409 when someone wrote it since. */
        Lease replace(Lease lease);
    }

    /** Runs the renewal every period until the returned handle runs. */
    interface Renewals {
        Runnable every(Duration period, Runnable renewal);
    }

    /** Waits between two looks at the Lease. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Leases leases;
    private final String environment;
    private final String name;
    private final String holder;
    private final WriteLock settings;
    private final Clock clock;
    private final Renewals renewals;
    private final Sleeper sleeper;
    private final java.net.URL server;
    private final LeaseExpiry expiry;
    /** What it is to its holder: an environment's write lock, or a sharded replica's Lease ({@link #named}). */
    private final LeaseRole role;

    EnvironmentLock(Leases leases, String environment, String name, String holder, WriteLock settings, Clock clock,
                    Renewals renewals, Sleeper sleeper, java.net.URL server) {
        this(leases, environment, name, holder, settings, clock, renewals, sleeper, server, LeaseExpiry.RENEW_TIME, LeaseRole.WRITE_LOCK);
    }

    EnvironmentLock(Leases leases, String environment, String name, String holder, WriteLock settings, Clock clock,
                    Renewals renewals, Sleeper sleeper, java.net.URL server, LeaseExpiry expiry, LeaseRole role) {
        this.leases = leases;
        this.environment = environment;
        this.name = name;
        this.holder = holder;
        this.settings = settings;
        this.clock = clock;
        this.renewals = renewals;
        this.sleeper = sleeper;
        this.server = server;
        this.expiry = expiry;
        this.role = role;
    }

    /** The lock of {@code environment}, whose objects and history are in {@code namespace}, for {@code holder}. */
    public static EnvironmentLock of(KubernetesClient client, String namespace, String environment, String holder, WriteLock settings,
                                     Clock clock) {
        return lease(client, namespace, leaseName(environment), environment, holder, settings, clock, EnvironmentLock::scheduled,
                LeaseExpiry.RENEW_TIME, LeaseRole.WRITE_LOCK);
    }

    /**
     * Another Lease taken and renewed the same way: {@code namespace/name}, for {@code subject} (what log lines name),
     * what {@code role} says it is, renewed on {@code renewer}, which the caller shares among its Leases and shuts down (a sharded daemon's Leases);
     * another holder's is taken when {@code expiry} says it is free.
     */
    public static EnvironmentLock named(KubernetesClient client, String namespace, String name, String subject, String holder,
                                        WriteLock settings, Clock clock, ScheduledExecutorService renewer, LeaseExpiry expiry,
                                        LeaseRole role) {
        return lease(client, namespace, name, subject, holder, settings, clock, (period, renewal) -> {
            var task = renewer.scheduleWithFixedDelay(renewal, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
            return () -> task.cancel(false);
        }, expiry, role);
    }

    private static EnvironmentLock lease(KubernetesClient client, String namespace, String name, String subject, String holder,
                                         WriteLock settings, Clock clock, Renewals renewals, LeaseExpiry expiry, LeaseRole role) {
        var resource = client.leases().inNamespace(namespace).withName(name);
        Leases leases = new Leases() {
            public Lease get() {
                return resource.get();
            }

            public Lease create(Lease lease) {
                return client.leases().inNamespace(namespace).resource(lease).create();
            }

            public Lease replace(Lease lease) {
                return client.leases().inNamespace(namespace).resource(lease).update();
            }
        };
        return new EnvironmentLock(leases, subject, namespace + "/" + name, holder, settings, clock, renewals,
                d -> Thread.sleep(d.toMillis()), client.getMasterUrl(), expiry, role);
    }

    /** The Lease's name for {@code environment}. */
    public static String leaseName(String environment) {
        return "kustos-lock-" + environment;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another writer to release it or to stop renewing it.
     *
     * @throws LockBusyException naming the holder, when it still holds it after {@code wait}
     * @throws io.kustos.failure.KustosException as {@link ApiErrors} classifies the API server's answer
     */
    public Held acquire(Duration wait) {
        return acquire(wait, false);
    }

    /**
     * As {@link #acquire(Duration)}; with {@code likelyNew}, the first attempt creates the Lease without reading it (what
     * the caller read says no writer has been here: a cold apply), and falls back to reading it when it exists (409).
     */
    public Held acquire(Duration wait, boolean likelyNew) {
        Instant start = clock.instant();
        Instant deadline = start.plus(wait);
        boolean told = false;
        boolean read = !likelyNew;
        while (true) {
            boolean blind = !read; // created without reading it: a 409 only says that the Lease exists
            Lease lease = read ? call("read", leases::get) : null;
            read = true;
            LeaseState state = lease == null ? LeaseState.NONE : LeaseState.of(lease);
            Instant now = clock.instant();
            if (state.heldBy(holder) || expiry.free(state, now)) {
                LeaseState taken = state.takenBy(holder, now, settings.leaseDuration());
                try {
                    Lease written = lease == null ? leases.create(lease(null, taken)) : leases.replace(lease(lease, taken));
                    if (!state.heldBy(holder) && state.holder() != null) {
                        // a writer that died while holding it: what it wrote is read again and completed
                        String took = "{}: took over the " + role.noun() + " {} from \"{}\", which stopped renewing it at {}";
                        Object[] args = {environment, name, io.kustos.text.ControlCharacters.escape(state.holder()), state.renewed()};
                        if (role.takeoverExpected()) {
                            LOG.info(took, args); // a sharded replica's handover: the usual way a dead replica's share moves
                        } else {
                            LOG.warn(took, args);
                        }
                    }
                    return new Held(written, lease == null);
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw unreachable("take", e);
                    }
                    if (blind) {
                        continue; // read it, and judge it as any Lease read
                    }
                    // another writer took it first: read who, then wait within the same deadline as for a held lock
                    lease = call("read", leases::get);
                    state = lease == null ? LeaseState.NONE : LeaseState.of(lease);
                    now = clock.instant();
                }
            }
            if (!now.isBefore(deadline)) {
                throw new LockBusyException(environment, name, state, Duration.between(start, now), now);
            }
            if (!told) { // once per wait: a person running kustos apply sees why it pauses
                told = true;
                LOG.warn("{}: waiting up to {}s for the " + role.noun() + " {}, {}", environment, wait.toSeconds(), name,
                        LockBusyException.holder(state));
            }
            sleep(min(RETRY, Duration.between(now, deadline)));
        }
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException(environment + ": interrupted while waiting for the " + role.noun() + " " + name, FailureReason.INTERRUPTED, e);
        }
    }

    private Lease lease(Lease old, LeaseState state) {
        var builder = old == null
                ? new LeaseBuilder().withNewMetadata().withName(name.substring(name.indexOf('/') + 1))
                        .withNamespace(name.substring(0, name.indexOf('/'))).addToLabels("app.kubernetes.io/managed-by", "kustos")
                        .endMetadata().withSpec(new LeaseSpec())
                : new LeaseBuilder(old);
        Lease lease = builder.build();
        if (lease.getSpec() == null) {
            lease.setSpec(new LeaseSpec());
        }
        state.writeTo(lease.getSpec());
        return lease;
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw unreachable(what, e);
        }
    }

    /** As the API server's other answers are classified: forbidden (RBAC without leases), throttled, unreachable. */
    private io.kustos.failure.KustosException unreachable(String what, KubernetesClientException e) {
        return ApiErrors.classify(e, server, environment + ": the " + role.asLease() + " " + name, what, java.util.function.UnaryOperator.identity());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Runnable scheduled(Duration period, Runnable renewal) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Threads.daemon("kustos-write-lock"));
        executor.scheduleWithFixedDelay(renewal, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return executor::shutdownNow;
    }

    /** The lock, held: renewed until {@link #close()} releases it. */
    public final class Held implements HeldLock {
        private volatile Lease lease;
        private volatile boolean lost;
        private volatile String lostTo;
        private boolean closed;
        /** Renewals failed in a row since the last that succeeded. */
        private int failures;
        /** When the renewal in progress, and the last that failed without an answer (it may have been written), were sent. */
        private Instant attempted;
        /** The times of the renewals since the last that succeeded whose answer did not come back (they may have been written). */
        private final java.util.Deque<Instant> unanswered = new java.util.ArrayDeque<>();
        /** Whether it said that another process renews it under the same identity. */
        private boolean twinTold;
        private final Runnable stopRenewing;

        /** Whether it was taken by creating its Lease: no writer had held it, so none wrote under it before this one. */
        private final boolean first;

        private Held(Lease lease, boolean first) {
            this.lease = lease;
            this.first = first;
            LOG.debug("{}: holds the " + role.noun() + " {} as \"{}\"", environment, name, holder);
            this.stopRenewing = renewals.every(settings.renewEvery(), this::renew);
        }

        /**
         * Whether it was taken by creating its Lease: no writer had held it since the Lease was created (releasing keeps the
         * Lease), so no writer wrote under it between what the taker read before taking it and now. Alone it does not say that
         * no writer has ever been here: a Lease deleted by hand is created again. Callers trust it together with other signs
         * that none has (LockStep: only when no history was found).
         */
        public boolean first() {
            return first;
        }

        /**
         * Whether the lock may no longer be this writer's: another writer took it over, or its renewals failed until it
         * expired (another writer may take it from then on).
         */
        public boolean lost() {
            return lost || !clock.instant().isBefore(LeaseState.of(lease).expires());
        }

        /** Whether it was not renewed for {@code deadline} (or is {@link #lost()}): its holder stops writing before it expires. */
        public boolean stale(Duration deadline) {
            LeaseState state = LeaseState.of(lease);
            return lost() || state.renewed() == null || !clock.instant().isBefore(state.renewed().plus(deadline));
        }

        @Override
        public void ensureHeld(String phase) {
            if (lost()) {
                throw new LockLostException(environment, name, phase, lostTo);
            }
        }

        /** Renews the lock now (the scheduled renewal). */
        synchronized void renew() {
            if (closed || lost) {
                return;
            }
            try {
                LeaseState state = LeaseState.of(lease);
                Instant now = clock.instant();
                try {
                    attempted = now;
                    lease = leases.replace(lease(lease, state.takenBy(holder, now, settings.leaseDuration())));
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                    Lease fresh = leases.get();
                    if (fresh == null || !LeaseState.of(fresh).heldBy(holder)) {
                        lost = true;
                        lostTo = fresh == null ? null : LeaseState.of(fresh).holder();
                        LOG.error("{}: lost the " + role.noun() + " {} to \"{}\": it was not renewed in time", environment, name,
                                fresh == null ? null : io.kustos.text.ControlCharacters.escape(LeaseState.of(fresh).holder()));
                        return;
                    }
                    noticeTwin(LeaseState.of(fresh));
                    lease = leases.replace(lease(fresh, LeaseState.of(fresh).takenBy(holder, now, settings.leaseDuration())));
                }
                unanswered.clear();
                if (failures > 0) {
                    LOG.info("{}: renewed the {} {} again", environment, role.noun(), name);
                    failures = 0;
                }
            } catch (KubernetesClientException e) {
                if (unanswered.size() == MOST_UNANSWERED) {
                    unanswered.removeFirst();
                }
                unanswered.addLast(attempted);
                // once per outage: the next failures say nothing new (the holder stops writing at its deadline, and says so)
                if (failures++ == 0) {
                    LOG.warn("{}: could not renew the {} {} ({}); it expires at {} unless a renewal succeeds", environment, role.noun(), name,
                            unreachable("renew", e).getMessage(), LeaseState.of(lease).expires());
                } else {
                    LOG.debug("{}: could not renew the {} {} ({} times in a row)", environment, role.noun(), name, failures);
                }
            }
        }

        /**
         * Its Lease changed without this writer and still names it: unless that was a renewal of its own whose answer was
         * lost, another process renews it under the same identity. Said once.
         */
        private void noticeTwin(LeaseState fresh) {
            Instant renewed = fresh.renewed();
            // this attempt's own write, answered only on the client's retry (409), or an earlier one whose answer was lost
            boolean ours = renewed != null && (same(renewed, attempted) || unanswered.stream().anyMatch(t -> same(renewed, t)));
            if (!ours && !twinTold) {
                twinTold = true;
                LOG.error("{}: the {} {} was renewed by another process that uses the same identity \"{}\": both may act as its holder. "
                        + "Give each replica its own identity (POD_NAME; without it, host name and process id)", environment, role.noun(), name,
                        io.kustos.text.ControlCharacters.escape(holder));
            }
        }

        private static boolean same(Instant renewed, Instant attempt) {
            return attempt != null && Duration.between(attempt, renewed).abs().toMillis() < 1;
        }

        /** Stops renewing and gives the lock up, so that another writer takes it at once. */
        @Override
        public void close() {
            stopRenewing.run();
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    try {
                        // as last written by this holder: the resourceVersion guards it, so no read first
                        leases.replace(lease(lease, LeaseState.of(lease).released(clock.instant())));
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 409) {
                            throw e;
                        }
                        // written since (taken over after it expired): released only if still this holder's
                        Lease fresh = leases.get();
                        if (fresh != null && LeaseState.of(fresh).heldBy(holder)) {
                            leases.replace(lease(fresh, LeaseState.of(fresh).released(clock.instant())));
                        }
                    }
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 404) {
                        LOG.debug("{}: the {} {} was deleted while held: nothing to release", environment, role.noun(), name);
                        return;
                    }
                    LOG.warn("{}: could not release the " + role.noun() + " {}: {}; it expires {}s after its last renewal", environment, name,
                            ApiFailures.describe(e, server), settings.leaseSeconds());
                }
            }
        }
    }
}
