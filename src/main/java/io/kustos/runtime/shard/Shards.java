package io.kustos.runtime.shard;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.EnvironmentLock;
import io.kustos.cluster.LeaseRole;
import io.kustos.cluster.LeaseState;
import io.kustos.cluster.LockBusyException;
import io.kustos.cluster.LockHolder;
import io.kustos.cluster.LockLostException;
import io.kustos.config.Sharding;
import io.kustos.config.WriteLock;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.EnvironmentOwnership;
import io.kustos.text.ControlCharacters;
import io.kustos.work.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * This replica's share of the environments, on {@code coordination.k8s.io/v1} Leases in one
 * namespace. Every {@code retryPeriod} it renews its member Lease {@code kustos-member-<identity>},
 * lists the Leases, counts the members whose Lease has not expired, assigns the environments among
 * them ({@link Rendezvous}), takes the Lease {@code kustos-env-<environment>} of each environment
 * assigned to it that is free or expired, and gives up (clears the holder of) each one it holds
 * that is no longer assigned to it. Expired means unchanged for its duration since this replica saw
 * it change ({@link ObservedLeases}), never another replica's renewTime read on this clock. Having
 * just joined, it takes nothing until it saw the same members at two looks in a row. It owns an
 * environment only while it holds that Lease, renewed within {@code renewDeadline}
 * ({@link #ensureOwned}); closing gives every Lease up at once, but those of a run that has not ended.
 */
public final class Shards implements EnvironmentOwnership, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Shards.class);
    static final String MEMBER_PREFIX = "kustos-member-";
    static final String ENVIRONMENT_PREFIX = "kustos-env-";
    /** A dead member's Lease (kill -9) is deleted this many lease durations after it expired. */
    static final int FORGET_AFTER = 10;
    /** Threads renewing Leases: a renewal that hangs until its timeout leaves the others these. */
    private static final int RENEWING_THREADS = 4;

    private final KubernetesClient client;
    private final Sharding settings;
    private final String namespace;
    private final String identity;
    private final List<String> environments;
    private final Clock clock;
    private final WriteLock leaseTimes;
    /** The looks and the stale check: a look that hangs leaves the check its own thread. */
    private final ScheduledExecutorService executor;
    /** The renewals of the member Lease and of every environment Lease held: never behind a look that hangs. */
    private final ScheduledExecutorService renewals;
    /** Since when each Lease has said the same: a holder's silence is judged on this replica's clock, not by its renewTime. */
    private final ObservedLeases observed = new ObservedLeases();
    private final Map<String, EnvironmentLock.Held> held = new ConcurrentHashMap<>();
    /** Held, assigned elsewhere, kept until the write in flight ends: still owned for it, not for the next run. */
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    /** The environments of the run in flight ({@link #startRun}); empty between runs. */
    private volatile Set<String> running = Set.of();
    /**
     * Held by a look (its API calls included) and by leaving: a run never waits for it. A look that hangs on an API
     * server that does not answer holds up only the next look and leaving.
     */
    private final Object looking = new Object();
    /** Held briefly: a run's start and a look's (or leaving's) choice of what to give up, so that neither misses the other. */
    private final Object runs = new Object();
    private EnvironmentLock.Held member;
    private volatile Set<String> lastMembers = Set.of();
    /**
     * The replicas it saw as members lately (as long as a dead member's Lease is kept): a write lock held by none of
     * them is a replica of another namespace.
     */
    private final RecentlySeen seenMembers;
    /** The write-lock holders it named as replicas of another sharding namespace lately (said once each while they last). */
    private final RecentlySeen strangers;
    /** The state of each Lease in the namespace as this look listed it, and when. */
    private Map<String, LeaseState> listed = Map.of();
    private Instant listedAt;
    /** The first look, when this replica registered its member Lease; null before. */
    private Instant joined;
    /** Whether it saw the same members at two looks in a row since it joined (or for leaseDuration): until then it takes nothing. */
    private boolean settled;
    private volatile Runnable onGained = () -> { };
    private volatile Runnable onRequested = () -> { };
    /** The reconcile requests ({@link ReconcileRequests}) and the preview requests ({@link ReconcileRequests#previews}) seen. */
    private final RequestWatch requests;
    private final RequestWatch previewRequests;
    /** Runs when a look finds a preview request recorded by another replica. */
    private volatile Runnable onPreviewRequested = () -> { };
    private volatile boolean closed;
    /** Why its last look failed (forbidden, no such namespace, unreachable), logged at a backoff; none after a look that succeeded. */
    private final ShardingTrouble trouble;
    /** The environments it stopped writing because their Leases were not renewed within renewDeadline (said once each). */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    public Shards(KubernetesClient client, Sharding settings, String namespace, String identity, List<String> environments, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.namespace = namespace;
        this.identity = identity;
        this.environments = List.copyOf(environments);
        this.clock = clock;
        this.leaseTimes = new WriteLock(settings.leaseDuration(), settings.retryPeriod());
        this.executor = Executors.newScheduledThreadPool(2, Threads.daemon("kustos-shards"));
        this.renewals = Executors.newScheduledThreadPool(RENEWING_THREADS, Threads.daemon("kustos-shard-renewals"));
        this.trouble = new ShardingTrouble(namespace, settings.retryPeriod().multipliedBy(15));
        this.requests = new RequestWatch(identity);
        this.previewRequests = new RequestWatch(identity);
        this.seenMembers = new RecentlySeen(remembered(settings));
        this.strangers = new RecentlySeen(remembered(settings));
    }

    public String identity() {
        return identity;
    }

    /** Joins: looks at the Leases now and every retryPeriod; {@code gained} runs after each look that took environments. */
    public void start(Runnable gained) {
        start(gained, () -> { });
    }

    /**
     * As {@link #start(Runnable)}; {@code requested} runs when a look finds a reconcile request recorded by another
     * replica since the last look ({@link ReconcileRequests}).
     */
    public void start(Runnable gained, Runnable requested) {
        this.onGained = gained;
        this.onRequested = requested;
        LOG.info("sharding: joining as \"{}\" (Leases in namespace {}) for {} environments", ControlCharacters.escape(identity), namespace,
                environments.size());
        executor.scheduleWithFixedDelay(this::tick, 0, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        // apart from the looks, which may hang on an API server that does not answer: says when it stopped writing
        executor.scheduleWithFixedDelay(this::noteStale, settings.retryPeriod().toMillis(), settings.retryPeriod().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** What keeps this replica from taking part in sharding now (its last look at the Leases failed); null when nothing does. */
    public String trouble() {
        return trouble.message();
    }

    /**
     * A run starts: @return the environments it reconciles ({@link #owned()}), which stay this replica's until
     * {@link #endRun()} even if one is assigned elsewhere meanwhile (a replica joining), so that moving it never cuts a
     * write short. Only a Lease that expires (not renewed) ends that sooner.
     */
    public Set<String> startRun() {
        synchronized (runs) {
            Set<String> owned = owned();
            running = Set.copyOf(owned);
            return owned;
        }
    }

    /** The run ended: what was assigned elsewhere meanwhile is given up at the next look. */
    public void endRun() {
        running = Set.of();
    }

    /** The environments this replica owns now for its next run: their Leases held and renewed within renewDeadline, not leaving. */
    public Set<String> owned() {
        return held.entrySet().stream().filter(e -> !leaving.contains(e.getKey()) && !e.getValue().stale(settings.renewDeadline()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void ensureOwned(String environment, String phase) {
        EnvironmentLock.Held lease = held.get(environment);
        if (lease == null || lease.stale(settings.renewDeadline())) {
            throw new LockLostException(environment, namespace + "/" + ENVIRONMENT_PREFIX + environment, phase, null);
        }
    }

    /**
     * How long the replicas it saw and the strangers it named are remembered (review11b): a day, or as long as a dead
     * member's Lease is kept if that is longer. Much longer than a member's Lease lives, so that a replica cut off from
     * the home cluster during a long run is not called a stranger when its write lock is found, and a stranger is named
     * once a day however long the poll interval; short enough that months of rollouts' pod names are not all kept.
     */
    static Duration remembered(Sharding settings) {
        Duration leases = settings.leaseDuration().multipliedBy(FORGET_AFTER + 1);
        return leases.compareTo(Duration.ofDays(1)) > 0 ? leases : Duration.ofDays(1);
    }

    @Override
    public void heldByAnother(String environment, String lease, String holder) {
        List<String> replicas = LockHolder.replicas(holder);
        if (replicas.isEmpty() || seenMembers.isEmpty()) {
            return; // kustos apply, or before its first look
        }
        if (replicas.stream().noneMatch(seenMembers::contains) && strangers.see(holder, clock.instant())) {
            LOG.error("sharding: environment {}'s write lock {} (in the environment's namespace) is held by \"{}\", which is no replica "
                            + "in this replica's sharding namespace {} ({}): it shares the environments among other replicas, so both "
                            + "reconcile them. Give every replica the same sharding.namespace (this one uses {})",
                    environment, lease, ControlCharacters.escape(holder), namespace,
                    seenMembers.names().stream().map(ControlCharacters::escape).toList(), namespace);
        }
    }

    /** How many live replicas (this one included) the last look found; 0 before the first. */
    public int members() {
        return lastMembers.size();
    }

    /**
     * One look at the Leases: drop what was lost, renew membership, take what is assigned and free, give up what is no
     * longer assigned. A replica that just joined takes nothing until it saw the same members at two looks in a row, so
     * that replicas starting together do not take everything and hand it on as the others come in.
     */
    void tick() {
        synchronized (looking) {
            look();
        }
    }

    private void look() {
        if (closed) {
            return;
        }
        dropLost(); // first, without the API server: a replica cut off from it stops renewing what it may no longer write
        try {
            if (member == null || member.lost()) {
                if (member != null) {
                    member.close(); // stops its renewals
                }
                member = lease(MEMBER_PREFIX + LeaseNames.of(identity), "member " + identity).acquire(Duration.ZERO);
            }
            Set<String> members = liveMembers();
            if (trouble.cleared() != null) {
                LOG.info("sharding: reads and writes the Leases in namespace {} again", namespace);
            }
            members.add(identity);
            Instant now = clock.instant();
            members.forEach(m -> seenMembers.see(m, now));
            boolean same = members.equals(lastMembers);
            if (!same) {
                LOG.info("sharding: {} replica(s): {}", members.size(), members.stream().map(ControlCharacters::escape).toList());
                lastMembers = Set.copyOf(members);
            }
            if (!settle(same, now)) {
                return;
            }
            Map<String, String> owners = Rendezvous.assign(environments, members);
            List<String> givingUp = new ArrayList<>();
            synchronized (runs) { // marked leaving here, so a run starting from now on leaves them out
                held.forEach((env, lease) -> {
                    if (identity.equals(owners.get(env))) {
                        leaving.remove(env);
                    } else if (!running.contains(env)) {
                        leaving.add(env);
                        givingUp.add(env);
                    } else if (leaving.add(env)) {
                        LOG.info("sharding: environment {} is now assigned to \"{}\": gives it up when the write in flight ends", env,
                                ControlCharacters.escape(owners.get(env)));
                    }
                });
            }
            givingUp.forEach(env -> giveUp(env, "now assigned to \"" + ControlCharacters.escape(owners.get(env)) + "\""));
            boolean gained = false;
            for (var e : owners.entrySet()) {
                if (identity.equals(e.getValue()) && !held.containsKey(e.getKey())) {
                    gained |= take(e.getKey());
                }
            }
            if (gained) {
                onGained.run();
            }
        } catch (LockBusyException e) {
            LOG.error("sharding: another live replica has this replica's identity \"{}\" (set POD_NAME apart per replica): {}",
                    ControlCharacters.escape(identity), e.getMessage());
        } catch (KustosException | KubernetesClientException e) {
            String said = trouble.failed(e, client.getMasterUrl(), clock.instant());
            if (said != null) {
                LOG.error("{}; keeps the {} environment(s) it holds until they expire", said, held.size());
            }
        }
    }

    /**
     * Says, once per environment, that it stopped writing one whose Lease was not renewed within renewDeadline
     * ({@link #ensureOwned} refuses every write phase from then on), and when a renewal brought it back.
     */
    private void noteStale() {
        held.forEach((env, lease) -> {
            if (lease.stale(settings.renewDeadline())) {
                if (stopped.add(env)) {
                    LOG.warn("sharding: stopped writing environment {}: its Lease {}/{}{} was not renewed for {}s (sharding.renewDeadline); "
                            + "another replica may take it once it expires, unless a renewal succeeds first", env, namespace,
                            ENVIRONMENT_PREFIX, env, settings.renewDeadline().toSeconds());
                }
            } else if (stopped.remove(env)) {
                LOG.info("sharding: its Lease of environment {} is renewed again: writes it again", env);
            }
        });
    }

    /** The Leases found lost (not renewed in time) are closed, so that their renewals stop, and dropped. */
    private void dropLost() {
        noteStale(); // a Lease stale long enough to be lost was stale first: said in that order even if the task above was late
        held.forEach((env, lease) -> {
            if (lease.lost()) {
                held.remove(env);
                leaving.remove(env);
                lease.close(); // stops its renewals; gives it up if it is still this replica's
                LOG.warn("sharding: lost environment {}: its Lease expired{}", env, stopped.remove(env)
                        ? " (it stopped writing it at renewDeadline)" : ", not renewed in time");
            }
        });
    }

    /** Whether it may take environments: it has seen the same members twice in a row since it joined, or joined leaseDuration ago. */
    private boolean settle(boolean sameMembers, Instant now) {
        if (settled) {
            return true;
        }
        if (joined == null) {
            joined = now;
        }
        settled = sameMembers || !now.isBefore(joined.plus(settings.leaseDuration()));
        if (settled) {
            LOG.info("sharding: \"{}\" settled among {} replica(s): taking its share", ControlCharacters.escape(identity), lastMembers.size());
        }
        return settled;
    }

    private Set<String> liveMembers() {
        Set<String> live = new TreeSet<>();
        ReconcileRequests.Request request = null;
        ReconcileRequests.Request previewRequest = null;
        List<Lease> leases = client.leases().inNamespace(namespace).list().getItems();
        // seen when the answer came, not when it was asked for: a renewal the answer holds arrived before this
        Instant now = clock.instant();
        observed.observeAll(leases, now);
        listed = leases.stream().collect(Collectors.toMap(l -> l.getMetadata().getName(), LeaseState::of, (a, b) -> a));
        listedAt = now;
        for (Lease lease : leases) {
            String name = lease.getMetadata().getName();
            if (request == null) {
                request = ReconcileRequests.of(lease);
            }
            if (previewRequest == null) {
                previewRequest = ReconcileRequests.of(lease, ReconcileRequests.PREVIEW_LEASE);
            }
            if (!name.startsWith(MEMBER_PREFIX)) {
                continue;
            }
            LeaseState state = LeaseState.of(lease);
            if (!observed.free(name, state, now)) {
                live.add(state.holder());
            } else if (observed.unchanged(name, state, now).compareTo(settings.leaseDuration().multipliedBy(FORGET_AFTER + 1)) >= 0) {
                forget(name);
            }
        }
        if (previewRequests.fresh(previewRequest)) {
            LOG.debug("sharding: preview requested at {} by \"{}\"", previewRequest.at(), ControlCharacters.escape(previewRequest.by()));
            onPreviewRequested.run();
        }
        if (requests.fresh(request)) { // a request recorded by another replica since the last look: poll now
            LOG.info("sharding: reconcile requested at {} by \"{}\": polling now", request.at(), ControlCharacters.escape(request.by()));
            onRequested.run();
        }
        return live;
    }

    /** {@code requested} runs when a look finds a preview request another replica recorded since the last look. */
    public void onPreviewRequested(Runnable requested) {
        this.onPreviewRequested = requested;
    }

    /** Deletes a member Lease long expired (a replica killed with -9, whose identity will not come back). */
    private void forget(String name) {
        try {
            client.leases().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            LOG.debug("sharding: could not delete the expired member Lease {}: {}", name, e.getMessage());
        }
    }

    private boolean take(String env) {
        LeaseState known = listed.get(ENVIRONMENT_PREFIX + env);
        if (known != null && !identity.equals(known.holder()) && !observed.free(ENVIRONMENT_PREFIX + env, known, listedAt)) {
            return stillHeld(env); // the list of this look shows its holder alive: no GET to learn it again
        }
        try {
            held.put(env, lease(ENVIRONMENT_PREFIX + env, env).acquire(Duration.ZERO));
            LOG.info("sharding: took environment {} (Lease {}/{}{})", env, namespace, ENVIRONMENT_PREFIX, env);
            return true;
        } catch (LockBusyException e) {
            return stillHeld(env);
        }
    }

    private boolean stillHeld(String env) {
        LOG.debug("sharding: environment {} is still held by another replica; tries again in {} ms", env, settings.retryPeriod().toMillis());
        return false;
    }

    private void giveUp(String env, String why) {
        EnvironmentLock.Held lease = held.remove(env); // first: a run starting now must not find it held and not leaving
        leaving.remove(env);
        stopped.remove(env);
        if (lease != null) {
            lease.close();
            LOG.info("sharding: gave up environment {} ({})", env, why);
        }
    }

    private EnvironmentLock lease(String name, String subject) {
        return EnvironmentLock.named(client, namespace, name, subject, identity, leaseTimes, clock, renewals, observed.expiry(name),
                LeaseRole.SHARDING);
    }

    /** The environments whose Leases it still renews, stale or not (tests). */
    Set<String> renewing() {
        return Set.copyOf(held.keySet());
    }

    /** Stops renewing and looking without giving anything up, as a replica killed with -9 (tests). */
    void halt() {
        closed = true;
        executor.shutdownNow();
        renewals.shutdownNow();
    }

    /**
     * Leaves: gives up every environment and the membership at once, so that the others take them over without waiting;
     * but the environments of a run that has not ended (abandoned, still writing) are only no longer renewed: that run
     * stops at its next write phase once their Leases are stale, and the others take them when they expire.
     */
    @Override
    public void close() {
        synchronized (looking) {
            leave();
        }
    }

    private void leave() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> givingUp = new ArrayList<>();
        synchronized (runs) {
            for (String env : new TreeSet<>(held.keySet())) {
                if (running.contains(env)) {
                    LOG.warn("sharding: keeps environment {} until its Lease expires: the run in flight that writes it has not ended", env);
                } else {
                    leaving.add(env);
                    givingUp.add(env);
                }
            }
        }
        givingUp.forEach(env -> giveUp(env, "stopping"));
        if (member != null) {
            member.close();
            forget(MEMBER_PREFIX + LeaseNames.of(identity));
        }
        executor.shutdownNow();
        renewals.shutdownNow(); // stops renewing what it kept
        LOG.info("sharding: \"{}\" left", ControlCharacters.escape(identity));
    }
}
