package io.kustos.runtime.shard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.cluster.LockLostException;
import io.kustos.config.Sharding;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sharded replicas ({@link Shards}) of twelve environments, for tests. After every look of one that took environments
 * it checks that no other replica may still write one of them ({@link Shards#ensureOwned} passes there); closing closes
 * them all.
 */
final class Replicas implements AutoCloseable {
    static final List<String> ENVIRONMENTS = IntStream.rangeClosed(1, 12).mapToObj(i -> "env-" + i).toList();

    private final String namespace;
    private final List<Shards> all = new CopyOnWriteArrayList<>();
    /** Environments a replica took while another could still write them (its Lease renewed within renewDeadline). */
    private final Queue<String> twoWriters = new ConcurrentLinkedQueue<>();

    Replicas(String namespace) {
        this.namespace = namespace;
    }

    /** Leases in this namespace held {@code lease} without renewal, stale for their holder after {@code renewDeadline}, looked at every {@code retry}. */
    Sharding settings(Duration lease, Duration renewDeadline, Duration retry) {
        return new Sharding(true, namespace, lease, renewDeadline, retry);
    }

    Shards start(String identity, KubernetesClient through, Sharding settings, Clock clock) {
        return start(identity, through, settings, clock, () -> { });
    }

    /** A replica started, which runs {@code requested} when another records a reconcile request. */
    Shards start(String identity, KubernetesClient through, Sharding settings, Clock clock, Runnable requested) {
        var r = new Shards(through, settings, namespace, identity, ENVIRONMENTS, clock);
        all.add(r);
        r.start(() -> checkAlone(r), requested);
        return r;
    }

    /** Every environment owned by one of {@code rs}, none more than its share; and never by two at once so far. */
    void awaitSteady(List<Shards> rs) {
        int share = (ENVIRONMENTS.size() + rs.size() - 1) / rs.size();
        await("every environment owned by one of " + rs.size() + " replicas, none more than its share").atMost(Duration.ofSeconds(30))
                .until(() -> union(rs).size() == ENVIRONMENTS.size() && total(rs) == ENVIRONMENTS.size()
                        && rs.stream().allMatch(r -> r.owned().size() <= share));
        assertDisjoint(rs);
        assertNoTwoWriters();
    }

    void assertNoTwoWriters() {
        assertEquals(List.of(), List.copyOf(twoWriters), "taken while another could still write them");
    }

    private void checkAlone(Shards self) {
        for (String env : self.owned()) {
            for (Shards other : all) {
                if (other != self) {
                    try {
                        other.ensureOwned(env, "writing the workloads");
                        twoWriters.add(env + " taken by " + self.identity() + " while " + other.identity() + " may still write it");
                    } catch (LockLostException expected) {
                        // the other stopped writing it before this one took it
                    }
                }
            }
        }
    }

    static void assertDisjoint(List<Shards> rs) {
        assertEquals(total(rs), union(rs).size(), "an environment owned twice: " + rs.stream().map(Shards::owned).toList());
    }

    static Set<String> union(List<Shards> rs) {
        Set<String> all = new HashSet<>();
        rs.forEach(r -> all.addAll(r.owned()));
        return all;
    }

    static int total(List<Shards> rs) {
        return rs.stream().mapToInt(r -> r.owned().size()).sum();
    }

    @Override
    public void close() {
        all.forEach(Shards::close);
    }
}
