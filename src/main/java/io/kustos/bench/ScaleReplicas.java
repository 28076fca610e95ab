package io.kustos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kustos.cluster.LeaseState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code kustos run} replicas syncing the same environments, each its own process with its own port, cache and
 * identity ({@code POD_NAME=replica-<i>}): one alone without sharding, more with {@code sharding: {enabled: true}}
 * and their Leases in a namespace of their own. What they hold is read from the Leases, what they reconciled
 * from their {@code /status}.
 */
final class ScaleReplicas implements AutoCloseable {
    /** The Lease an environment's owner holds, as {@code io.kustos.runtime.shard.Shards} names it. */
    static final String ENVIRONMENT_LEASE = "kustos-env-";

    private final BenchCluster cluster;
    private final List<String> environments;
    private final String leaseNamespace;
    private final Map<String, DaemonProcess> daemons = new TreeMap<>();

    /** @param leaseNamespace where the sharded replicas keep their Leases; null: one replica, no sharding */
    ScaleReplicas(BenchWorkspace ws, BenchCluster cluster, String prefix, int replicas, Duration interval, String leaseNamespace) {
        this.cluster = cluster;
        this.environments = ws.shape.environmentNames();
        this.leaseNamespace = leaseNamespace;
        String sharding = leaseNamespace == null ? "" : "sharding: { enabled: true, namespace: " + leaseNamespace + " }\n";
        try {
            for (int i = 0; i < replicas; i++) {
                String name = "replica-" + i;
                int port = DaemonScenarios.freePort();
                var yaml = ws.kustosYaml(prefix, interval.toSeconds() + "s", port, 20, sharding);
                daemons.put(name, new DaemonProcess(yaml, cluster.kubeconfig(), port, ws.dir.resolve("daemon-" + prefix + "-" + name + ".log"),
                        Map.of("POD_NAME", name)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean sharded() {
        return leaseNamespace != null;
    }

    /** Waits until every environment was reconciled, successfully, by one replica or another. */
    void awaitAllInSync(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> synced = new HashSet<>();
            daemons.forEach((name, d) -> {
                requireAlive(name, d);
                JsonNode status = d.status();
                if (status != null) {
                    status.path("environments").fields().forEachRemaining(e -> {
                        if (e.getValue().path("reconciled").asBoolean() && e.getValue().path("ok").asBoolean()) {
                            synced.add(e.getKey());
                        }
                    });
                }
            });
            if (synced.containsAll(environments)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(synced.size() + " of " + environments.size() + " environments in sync after "
                        + timeout.toSeconds() + " s; see the daemons' logs under " + daemons.values().iterator().next().log().getParent());
            }
            Sleep.millis(100);
        }
    }

    /**
     * Waits until no replica reconciles and, with sharding, every environment's Lease is held and no holder changed
     * over {@code still}: the replicas that joined late have taken their share, and what moved was reconciled.
     */
    void awaitSettled(Duration still, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = null;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, String> holders = sharded() ? holders() : Map.of();
            boolean busy = daemons.values().stream().map(DaemonProcess::status).anyMatch(s -> s == null || s.path("reconciling").asBoolean());
            if (busy || !holders.equals(last) || (sharded() && !holders.keySet().containsAll(environments))) {
                last = holders;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= still.toNanos()) {
                return;
            }
            Sleep.millis(250);
        }
        throw new IllegalStateException("the replicas did not settle within " + timeout.toSeconds() + " s (holders: " + last + ")");
    }

    /**
     * Waits until the owning replicas polled {@code rounds} more times each (counted together, from their
     * {@code kustos_source_fetch_duration} counts). A poll is counted when it starts: after two, the first has ended.
     */
    void awaitPolls(int rounds, Duration timeout) {
        long target = polls() + (long) rounds * Math.max(1, owning());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (polls() < target) {
            daemons.forEach(ScaleReplicas::requireAlive);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replicas did not poll " + rounds + " more times within " + timeout.toSeconds() + " s");
            }
            Sleep.millis(250);
        }
    }

    /** Polls of all replicas so far. */
    private long polls() {
        return daemons.values().stream().mapToLong(d -> Math.round(PrometheusText.value(d.metrics(), ScaleScenario.FETCH_COUNT))).sum();
    }

    /** Environment to the replica holding its Lease now (an expired Lease holds nothing). */
    Map<String, String> holders() {
        Instant now = Instant.now();
        var out = new TreeMap<String, String>();
        for (Lease lease : cluster.admin().leases().inNamespace(leaseNamespace).list().getItems()) {
            String name = lease.getMetadata().getName();
            LeaseState state = LeaseState.of(lease);
            if (name.startsWith(ENVIRONMENT_LEASE) && !state.free(now)) {
                out.put(name.substring(ENVIRONMENT_LEASE.length()), state.holder());
            }
        }
        return out;
    }

    /** The most environments one replica holds ({@code /status} {@code owns}; all of them without sharding). */
    int mostOwned() {
        if (!sharded()) {
            return environments.size();
        }
        return daemons.values().stream().map(DaemonProcess::status).mapToInt(s -> s == null ? 0 : s.path("owns").size()).max().orElse(0);
    }

    /** Replicas owning at least one environment: those that poll. */
    int owning() {
        if (!sharded()) {
            return daemons.size();
        }
        return (int) daemons.values().stream().map(DaemonProcess::status).filter(s -> s != null && !s.path("owns").isEmpty()).count();
    }

    Map<String, DaemonProcess> daemons() {
        return daemons;
    }

    /**
     * kill -9 of the replica holding the most environments, then waits until another replica holds every one of them.
     *
     * @return the environments it held, and the seconds from the kill until the last of them was held by another
     */
    Takeover killBusiest(Duration timeout) {
        Map<String, String> holders = holders();
        var counts = new HashMap<String, Integer>();
        holders.values().forEach(h -> counts.merge(h, 1, Integer::sum));
        String victim = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no replica holds an environment"));
        List<String> held = new ArrayList<>(holders.entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey).toList());
        DaemonProcess d = daemons.remove(victim);
        long t = System.nanoTime();
        d.kill();
        while (true) {
            Map<String, String> now = holders();
            if (held.stream().allMatch(env -> now.get(env) != null && !now.get(env).equals(victim))) {
                return new Takeover(held, (System.nanoTime() - t) / 1e9);
            }
            if (System.nanoTime() - t > timeout.toNanos()) {
                throw new IllegalStateException("the environments of " + victim + " were not all taken over within " + timeout.toSeconds() + " s: " + now);
            }
            Sleep.millis(50);
        }
    }

    record Takeover(List<String> environments, double seconds) {
    }

    private static void requireAlive(String name, DaemonProcess d) {
        if (!d.alive()) {
            throw new IllegalStateException(name + " exited; see " + d.log());
        }
    }

    /** SIGTERM to every replica left: each gives its Leases up. */
    @Override
    public void close() {
        daemons.values().parallelStream().forEach(DaemonProcess::close);
        daemons.clear();
    }
}
