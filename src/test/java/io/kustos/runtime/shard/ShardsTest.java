package io.kustos.runtime.shard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.cluster.LockLostException;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.config.Sharding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Three replicas' shares of twelve environments on the embedded API server's Leases: balanced and
 * disjoint, a halted replica's (kill -9) taken over once its Leases expire and never while it may
 * still write, a closed replica's given up at once.
 */
class ShardsTest {
    private static final String NS = "kustos-system";
    private static final List<String> ENVIRONMENTS = IntStream.rangeClosed(1, 12).mapToObj(i -> "env-" + i).toList();
    private static final Sharding SETTINGS = new Sharding(true, NS, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));

    private EmbeddedCluster cluster;
    private final List<Shards> replicas = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.start(0);
        cluster.createNamespace(NS);
    }

    @AfterEach
    void stop() {
        replicas.forEach(Shards::close);
        cluster.close();
    }

    @Test
    void threeReplicasShareTwelveEnvironmentsEvenlyAndApart() {
        var a = replica("a");
        var b = replica("b");
        var c = replica("c");
        awaitSteady(List.of(a, b, c));
        for (var r : List.of(a, b, c)) {
            assertTrue(r.owned().size() <= 12 / 3 + 1, r.identity() + " owns " + r.owned());
        }
        await("each environment's Lease held by the replica that owns it").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String env : ENVIRONMENTS) {
                var lease = client().leases().inNamespace(NS).withName("kustos-env-" + env).get();
                assertEquals(ownerOf(env, List.of(a, b, c)).identity(), lease.getSpec().getHolderIdentity(), env);
            }
        });
    }

    @Test
    void aKilledReplicasEnvironmentsAreTakenOverAfterItsLeasesExpireAndItWritesNoMore() {
        var a = replica("a");
        var b = replica("b");
        var c = replica("c");
        awaitSteady(List.of(a, b, c));
        Set<String> hadA = a.owned();
        assertFalse(hadA.isEmpty());
        a.halt(); // kill -9: nothing given up, nothing renewed
        await("b and c to take a's environments over").atMost(Duration.ofSeconds(30))
                .until(() -> union(List.of(b, c)).containsAll(ENVIRONMENTS));
        assertDisjoint(List.of(b, c));
        for (String env : hadA) {
            // by the time another replica holds it, a's renewDeadline has passed: a would stop before its next write phase
            assertThrows(LockLostException.class, () -> a.ensureOwned(env, "writing the workloads"));
        }
    }

    @Test
    void aClosedReplicaGivesItsEnvironmentsUpAtOnce() {
        var a = replica("a");
        var b = replica("b");
        awaitSteady(List.of(a, b));
        Set<String> hadA = a.owned();
        a.close();
        for (String env : hadA) {
            var lease = client().leases().inNamespace(NS).withName("kustos-env-" + env).get();
            assertNotEquals("a", lease.getSpec().getHolderIdentity(), env + " still held after close (given up, or b's already)");
            assertThrows(LockLostException.class, () -> a.ensureOwned(env, "writing the workloads"));
        }
        assertNull(client().leases().inNamespace(NS).withName("kustos-member-a").get(), "a's member Lease stays after it left");
        await("b to take everything").atMost(Duration.ofSeconds(30)).until(() -> b.owned().containsAll(ENVIRONMENTS));
    }

    @Test
    void aNewReplicaGetsItsShareFromTheOthers() {
        var a = replica("a");
        var b = replica("b");
        awaitSteady(List.of(a, b));
        var c = replica("c");
        awaitSteady(List.of(a, b, c));
        assertFalse(c.owned().isEmpty());
    }

    @Test
    void anEnvironmentMovedDuringARunIsGivenUpWhenTheRunEnds() {
        var a = replica("a");
        await("a to own everything").atMost(Duration.ofSeconds(30)).until(() -> a.owned().containsAll(ENVIRONMENTS));
        String moving = Rendezvous.assign(ENVIRONMENTS, List.of("a", "b")).entrySet().stream()
                .filter(e -> e.getValue().equals("b")).map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        assertEquals(ENVIRONMENTS.size(), a.startRun().size()); // a run of all twelve is in flight
        var b = replica("b");
        await("a to keep b's share for its next run no more").atMost(Duration.ofSeconds(30))
                .until(() -> a.owned().size() == ENVIRONMENTS.size() / 2 && !a.owned().contains(moving));
        a.ensureOwned(moving, "writing the workloads"); // the run in flight finishes its writes
        assertEquals(Set.of(), b.owned(), "b takes nothing while a's run writes it");
        assertEquals("a", client().leases().inNamespace(NS).withName("kustos-env-" + moving).get().getSpec().getHolderIdentity());

        a.endRun();
        awaitSteady(List.of(a, b));
        assertTrue(b.owned().contains(moving));
        assertThrows(LockLostException.class, () -> a.ensureOwned(moving, "writing the workloads"));
    }

    @Test
    void aRequestRecordedByOneReplicaMakesTheOthersPoll() {
        var polls = new java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger>();
        List<Shards> rs = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            var counter = polls.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger());
            var r = new Shards(client(), SETTINGS, NS, id, ENVIRONMENTS, Clock.systemUTC());
            replicas.add(r);
            rs.add(r);
            r.start(() -> { }, counter::incrementAndGet);
        }
        awaitSteady(rs);
        assertEquals(0, polls.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum(), "no request yet");

        new ReconcileRequests(client(), NS, "a", Clock.systemUTC()).request(); // a webhook to a
        await("b and c to hear a's request").atMost(Duration.ofSeconds(30)).until(() -> polls.get("b").get() == 1 && polls.get("c").get() == 1);
        new ReconcileRequests(client(), NS, "kustos reconcile by alice@laptop pid 7", Clock.systemUTC()).request();
        await("all three to hear the command's request").atMost(Duration.ofSeconds(30))
                .until(() -> polls.get("a").get() == 1 && polls.get("b").get() == 2 && polls.get("c").get() == 2);
        var lease = client().leases().inNamespace(NS).withName(ReconcileRequests.LEASE).get();
        assertNull(lease.getSpec().getHolderIdentity(), "the request Lease is never held");
        assertEquals("kustos reconcile by alice@laptop pid 7", lease.getMetadata().getAnnotations().get(ReconcileRequests.REQUESTED_BY));
    }

    private void awaitSteady(List<Shards> rs) {
        int share = (ENVIRONMENTS.size() + rs.size() - 1) / rs.size();
        await("every environment owned by one of " + rs.size() + " replicas, none more than its share").atMost(Duration.ofSeconds(30))
                .until(() -> union(rs).size() == ENVIRONMENTS.size() && total(rs) == ENVIRONMENTS.size()
                        && rs.stream().allMatch(r -> r.owned().size() <= share));
        assertDisjoint(rs);
    }

    private static void assertDisjoint(List<Shards> rs) {
        assertEquals(total(rs), union(rs).size(), "an environment owned twice: " + rs.stream().map(Shards::owned).toList());
    }

    private static Shards ownerOf(String env, List<Shards> rs) {
        return rs.stream().filter(r -> r.owned().contains(env)).findFirst().orElseThrow();
    }

    private static Set<String> union(List<Shards> rs) {
        Set<String> all = new HashSet<>();
        rs.forEach(r -> all.addAll(r.owned()));
        return all;
    }

    private static int total(List<Shards> rs) {
        return rs.stream().mapToInt(r -> r.owned().size()).sum();
    }

    private Shards replica(String identity) {
        var r = new Shards(client(), SETTINGS, NS, identity, ENVIRONMENTS, Clock.systemUTC());
        replicas.add(r);
        r.start(() -> { });
        return r;
    }

    private KubernetesClient client() {
        return cluster.client();
    }
}
