package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiFailures;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for changed workloads to finish rolling out, all at once, and logs what changed in each
 * one's progress. Stops at the first failure (ProgressDeadlineExceeded, a deleted workload) or when
 * the timeout passes.
 *
 * <p>It reads every workload once, with one request per kind and namespace (a list of the namespace's
 * workloads of that kind where several are pending, of the one by name where one is, so 200 Deployments
 * in one namespace cost one request), then follows each kind and namespace that still has workloads
 * pending by <b>one watch</b> from the resourceVersion of that list: the requests of a wait do not grow
 * with its length, and a rollout is seen done when its last status write arrives, not at the next round.
 * A watch fabric8 gives up on (410 Gone, a stale resourceVersion), or whose start is refused with 410,
 * makes the waiter read that group again and watch it once more; after a second end, and wherever a
 * watch cannot start (no {@code watch} permission, no websocket, no answer within the client's request
 * timeout), the group is read in rounds instead, every {@code poll} at first and further apart as the
 * wait grows ({@link RolloutPollInterval}). A watch starts on a thread of its own ({@link WorkloadWatches}),
 * so a server that never answers its start holds up nothing: the deadline holds. A watched group that
 * stays silent for {@link #QUIET} (a dead connection that no error reports, a start still unanswered) is
 * read once more. An event no newer than what was last read (numeric resourceVersions) is ignored.
 *
 * <p>A Deployment that says its progress deadline passed costs one more request: a GET of the
 * ReplicaSet the condition names, to tell a timeout of the current template from one left over from
 * the last; once per wait and ReplicaSet. A workload is judged again only when a read or an event brought
 * a new state of it.
 */
public final class RolloutWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutWaiter.class);
    /** How long a watched group may stay silent, with workloads pending, before it is read once more. */
    static final Duration QUIET = Duration.ofSeconds(30);

    /** Waits between two rounds of polling; tests pass one that moves their clock on instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final KubernetesClient client;
    private final RolloutPollInterval interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final WorkloadWatches watches;
    private final Duration quiet;
    private final Map<String, ReplicaSet> replicaSets = new ConcurrentHashMap<>();

    public RolloutWaiter(KubernetesClient client, Duration poll, Clock clock) {
        this(client, poll, clock, d -> Thread.sleep(d.toMillis()), WorkloadWatches.of(client));
    }

    /** A waiter that never watches: it reads in rounds, with {@code sleeper} between them. */
    RolloutWaiter(KubernetesClient client, Duration poll, Clock clock, Sleeper sleeper) {
        this(client, poll, clock, sleeper, WorkloadWatches.NONE);
    }

    RolloutWaiter(KubernetesClient client, Duration poll, Clock clock, Sleeper sleeper, WorkloadWatches watches) {
        this(client, poll, clock, sleeper, watches, QUIET);
    }

    /** @param quiet how long a watched group may stay silent before it is read once more ({@link #QUIET}; tests pass less) */
    RolloutWaiter(KubernetesClient client, Duration poll, Clock clock, Sleeper sleeper, WorkloadWatches watches, Duration quiet) {
        this.client = client;
        this.quiet = quiet;
        this.interval = new RolloutPollInterval(poll);
        this.clock = clock;
        this.sleeper = sleeper;
        this.watches = watches;
    }

    /** The workloads of one kind in one namespace, and how the waiter follows them. */
    private static final class Group {
        final String kind;
        final String namespace;
        final List<ObjectKey> keys = new ArrayList<>();
        AutoCloseable watch;
        /** The resourceVersion of the group's last read, where its watch starts. */
        String readAt;
        int closes;
        boolean polling;
        Instant heard;

        Group(ObjectKey first) {
            this.kind = first.kind();
            this.namespace = first.namespace();
        }

        String name() {
            return kind + "/" + namespace;
        }
    }

    /**
     * @throws RolloutFailedException naming each workload that failed or did not finish in time, and
     *                                where the release manifest declares it
     */
    public void await(List<DesiredWorkload> workloads, Duration timeout) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Map<ObjectKey, String> pending = new LinkedHashMap<>();
        Map<ObjectKey, String> origins = new HashMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        workloads.forEach(w -> {
            pending.put(w.key(), "");
            origins.put(w.key(), w.origin());
            groups.computeIfAbsent(w.key().kind() + "/" + w.key().namespace(), g -> new Group(w.key())).keys.add(w.key());
        });
        var signals = new RolloutSignals();
        Map<ObjectKey, String> versions = new HashMap<>();
        Set<Group> due = new LinkedHashSet<>(groups.values());
        Instant nextPoll = null;
        Map<ObjectKey, HasMetadata> fresh = new LinkedHashMap<>();
        try {
            while (true) {
                boolean polled = false;
                for (Group g : due) {
                    g.keys.removeIf(k -> !pending.containsKey(k));
                    if (g.keys.isEmpty()) {
                        continue;
                    }
                    g.readAt = read(g, fresh);
                    g.keys.forEach(k -> versions.put(k, fresh.get(k) == null ? null : fresh.get(k).getMetadata().getResourceVersion()));
                    g.heard = clock.instant();
                    polled |= g.polling;
                }
                judge(fresh, pending, origins);
                if (pending.isEmpty()) {
                    return;
                }
                for (Group g : due) { // watched only where the read left workloads pending
                    if (!g.polling && g.watch == null && g.keys.stream().anyMatch(pending::containsKey)) {
                        watch(g, g.readAt, signals);
                        polled |= g.polling;
                    }
                }
                due.clear();
                groups.values().stream().filter(g -> g.keys.stream().noneMatch(pending::containsKey)).forEach(RolloutWaiter::closeQuietly);
                if (!clock.instant().isBefore(deadline)) {
                    var late = new ArrayList<String>();
                    pending.forEach((k, m) -> late.add(origins.get(k) + ": " + k + ": rollout did not finish within " + timeout.toSeconds() + "s (" + m + ")"));
                    throw new RolloutFailedException(String.join("\n", late), FailureReason.ROLLOUT_FAILED);
                }
                Instant now = clock.instant();
                if (polled || nextPoll == null) {
                    nextPoll = now.plus(interval.after(Duration.between(start, now), Duration.between(now, deadline)));
                }
                boolean anyPolling = groups.values().stream().anyMatch(g -> g.polling && !g.keys.isEmpty());
                if (groups.values().stream().noneMatch(g -> g.watch != null)) {
                    sleep(Duration.between(now, nextPoll));
                    groups.values().stream().filter(g -> g.polling).forEach(due::add);
                    continue;
                }
                Instant wake = deadline;
                if (anyPolling && nextPoll.isBefore(wake)) {
                    wake = nextPoll;
                }
                for (Group g : groups.values()) {
                    if (g.watch != null && g.heard.plus(quiet).isBefore(wake)) {
                        wake = g.heard.plus(quiet);
                    }
                }
                for (RolloutSignals.Signal s : signals.next(Duration.between(now, wake))) {
                    onSignal(s, groups.get(s.group()), pending, versions, fresh, due);
                }
                now = clock.instant();
                for (Group g : groups.values()) {
                    if ((g.polling && anyPolling && !now.isBefore(nextPoll)) || (g.watch != null && !now.isBefore(g.heard.plus(quiet)))) {
                        due.add(g);
                    }
                }
            }
        } finally {
            groups.values().forEach(RolloutWaiter::closeQuietly);
        }
    }

    /**
     * Takes what a watch of {@code g} saw: a new state of a workload (judged with the next round), a watch that ended
     * (read the group again, and watch it once more unless it ended before) or that could not start (read it in rounds).
     */
    private void onSignal(RolloutSignals.Signal s, Group g, Map<ObjectKey, String> pending, Map<ObjectKey, String> versions,
                          Map<ObjectKey, HasMetadata> fresh, Set<Group> due) {
        g.heard = clock.instant();
        if (s instanceof RolloutSignals.Changed c) {
            offer(g, c.workload(), c.workload(), pending, versions, fresh);
        } else if (s instanceof RolloutSignals.Deleted d) {
            offer(g, d.workload(), null, pending, versions, fresh);
        } else if (s instanceof RolloutSignals.Closed c) {
            closeQuietly(g);
            if (++g.closes >= 2) {
                pollInstead(g, "the rollout watch ended again", c.why());
            }
            due.add(g);
        } else if (s instanceof RolloutSignals.Refused r) {
            closeQuietly(g);
            pollInstead(g, "cannot watch the rollout", r.why());
            due.add(g); // its first round: the start may have taken up to a request timeout
        }
    }

    /** From now on {@code g} is read in rounds, not watched. */
    private static void pollInstead(Group g, String what, String why) {
        g.polling = true;
        LOG.info("{}s in namespace {}: {} ({}); polling", g.kind.toLowerCase(Locale.ROOT), g.namespace, what, why);
    }

    /** Judges each workload a read or an event brought a new state of; throws every failure at once, in order. */
    private void judge(Map<ObjectKey, HasMetadata> fresh, Map<ObjectKey, String> pending, Map<ObjectKey, String> origins) {
        List<String> failures = new ArrayList<>();
        for (ObjectKey key : List.copyOf(pending.keySet())) {
            if (!fresh.containsKey(key)) {
                continue;
            }
            RolloutProgress p = RolloutProgress.of(fresh.get(key), name -> replicaSet(key.namespace(), name));
            switch (p.state()) {
                case DONE -> {
                    LOG.info("{}: rolled out ({})", key, p.message());
                    pending.remove(key);
                }
                case FAILED -> failures.add(origins.get(key) + ": " + key + ": rollout failed: " + p.message());
                case PROGRESSING -> {
                    if (!p.message().equals(pending.put(key, p.message()))) {
                        LOG.info("{}: {}", key, p.message());
                    }
                }
            }
        }
        fresh.clear();
        if (!failures.isEmpty()) {
            throw new RolloutFailedException(String.join("\n", failures), FailureReason.ROLLOUT_FAILED);
        }
    }

    /** Takes a watched state of a pending workload (null: deleted) unless it is a state no newer than the one last read. */
    private static void offer(Group g, HasMetadata event, HasMetadata state, Map<ObjectKey, String> pending,
                              Map<ObjectKey, String> versions, Map<ObjectKey, HasMetadata> fresh) {
        var m = event.getMetadata();
        ObjectKey key = g.keys.stream().filter(k -> k.name().equals(m.getName()) && pending.containsKey(k)).findFirst().orElse(null);
        // a deletion comes after all that was read (the watch starts there); the embedded cluster's DELETED
        // carries the object's last resourceVersion, not a newer one
        if (key == null || (state != null && !newer(m.getResourceVersion(), versions.get(key)))) {
            return;
        }
        versions.put(key, m.getResourceVersion());
        fresh.put(key, state);
    }

    /** True unless both are numbers and {@code event} is not above {@code known}: resourceVersions are opaque otherwise. */
    static boolean newer(String event, String known) {
        if (event == null || known == null) {
            return true;
        }
        try {
            return Long.parseLong(event) > Long.parseLong(known);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void watch(Group g, String resourceVersion, RolloutSignals signals) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            g.polling = true;
            return;
        }
        try {
            g.watch = watches.open(g.kind, g.namespace, g.keys.size() == 1 ? g.keys.get(0).name() : null, resourceVersion, signals);
        } catch (RuntimeException e) {
            pollInstead(g, "cannot watch the rollout", e instanceof KubernetesClientException k ? ApiFailures.describe(k, client) : e.getMessage());
        }
    }

    private static void closeQuietly(Group g) {
        if (g.watch == null) {
            return;
        }
        try {
            g.watch.close();
        } catch (Exception e) {
            LOG.debug("closing the rollout watch of {}: {}", g.name(), e.toString());
        }
        g.watch = null;
    }

    /**
     * Reads the group's pending workloads as they are now into {@code out} (absent: deleted), with one request: a list
     * of the namespace's workloads of the kind, or of the one by name ({@code fieldSelector=metadata.name=…}, as
     * {@code kubectl rollout status} reads one) where only one is pending.
     *
     * @return the list's resourceVersion, where a watch of the group starts: a collection's, which the server's watch
     *         cache holds (a list without resourceVersion reads the latest); an object's own resourceVersion may lie
     *         before the cache's window (an object last written before the API server started, or over 75 s ago with
     *         100 newer events of its kind: kube-apiserver 1.20's watch cache), and a watch from it ends at once with 410 Gone
     */
    private String read(Group g, Map<ObjectKey, HasMetadata> out) {
        ObjectKey first = g.keys.get(0);
        Map<String, HasMetadata> byName = new HashMap<>();
        var list = list(first, g.keys.size() == 1);
        list.getItems().forEach(o -> byName.put(o.getMetadata().getName(), o));
        g.keys.forEach(k -> out.put(k, byName.get(k.name())));
        return list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
    }

    /**
     * The ReplicaSet a timed-out Deployment's condition names, read once per wait: a ReplicaSet's template, the
     * only part judged, is that of the pod-template hash in its name, so a condition left over through many
     * events or rounds costs one GET.
     */
    private ReplicaSet replicaSet(String namespace, String name) {
        ReplicaSet known = replicaSets.get(namespace + "/" + name);
        if (known != null) {
            return known;
        }
        ReplicaSet read = readReplicaSet(namespace, name);
        if (read != null) {
            replicaSets.put(namespace + "/" + name, read);
        }
        return read;
    }

    private ReplicaSet readReplicaSet(String namespace, String name) {
        try {
            return client.apps().replicaSets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new TransientException("replicaset/" + namespace + "/" + name + ": cannot read rollout status: "
                    + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    /** The workloads of {@code key}'s kind in its namespace, or only {@code key} when {@code one}. */
    private KubernetesResourceList<? extends HasMetadata> list(ObjectKey key, boolean one) {
        String namespace = key.namespace();
        try {
            var ops = WorkloadKinds.operations(client, key.kind(), namespace);
            return one ? ops.withField("metadata.name", key.name()).list() : ops.list();
        } catch (KubernetesClientException e) {
            String what = one ? key.toString() : key.kind().toLowerCase(Locale.ROOT) + "s in namespace " + namespace;
            throw new TransientException(what + ": cannot read rollout status: " + ApiFailures.describe(e, client),
                    FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while waiting for rollouts", FailureReason.INTERRUPTED, e);
        }
    }
}
