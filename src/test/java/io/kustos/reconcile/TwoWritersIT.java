package io.kustos.reconcile;

import io.kustos.testsupport.RunsAlone;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.agent.Agent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.cluster.EnvironmentLock;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15 point 5, two writers: each environment's write phase runs under its Lease
 * {@code kustos-lock-<environment>}. Two {@code kustos apply} started at once write the revision
 * once, record it once and send one Event: the second finds nothing left to do. A lock whose holder
 * died is taken over once its lease duration has passed; a lock held elsewhere makes
 * {@code kustos apply} exit 5 naming its holder, and blocks no other environment. No sleeps: the
 * test holds the Lease itself to start both writers waiting, and waits on conditions.
 */
@RunsAlone
class TwoWritersIT {
    private static final String SETTINGS = "environments/staging/app/settings.yaml";
    private static final String TEST_HOLDER = "the test, holding the lock";

    private static KustosHarness start(String clusterName, Path tmp) {
        return KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(SETTINGS, configMap("settings", "A", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void twoAppliesAtOnceWriteTheRevisionOnceWithOneRecordAndOneEvent(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = start(clusterName, tmp)) {
            KubernetesClient client = h.cluster().client();
            hold(client, h.namespace(), "staging", TEST_HOLDER, ZonedDateTime.now(ZoneOffset.UTC), 3600);

            List<KustosProcess> writers = new ArrayList<>();
            List<Integer> exits = new ArrayList<>();
            try {
                // two machines (two CI runners): each writer has its own cache dir
                writers.add(apply(h, h.kustosYaml(), tmp, "first", "--lock-wait", "5m"));
                writers.add(apply(h, h.kustosYamlWithCache("cache-second"), tmp, "second", "--lock-wait", "5m"));
                // both have read the cluster, found the revision to write, and wait for the lock
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    for (KustosProcess p : writers) {
                        assertTrue(p.isAlive(), () -> "a writer ended before waiting for the lock:\n" + both(writers));
                    }
                    return writers.stream().allMatch(p -> p.printed().contains("waiting up to 300s for the write lock"));
                });
                assertNull(client.configMaps().inNamespace(h.namespace()).withName("settings").get(), "nothing written while the lock is held");

                release(client, h.namespace(), "staging");
                for (KustosProcess p : writers) {
                    exits.add(p.awaitExit(Duration.ofMinutes(3)));
                }
            } finally {
                writers.forEach(KustosProcess::close);
            }
            String first = writers.get(0).printed();
            String second = writers.get(1).printed();
            String both = both(writers);
            assertEquals(List.of(0, 0), exits, both);
            long applied = List.of(first, second).stream().filter(o -> o.lines().anyMatch(l -> l.startsWith("staging: applied"))).count();
            long inSync = List.of(first, second).stream().filter(o -> o.lines().anyMatch(l -> l.startsWith("staging: in sync"))).count();
            assertEquals(1, applied, "one writer applied the revision:\n" + both);
            assertEquals(1, inSync, "the other found nothing left to do:\n" + both);
            String later = first.lines().anyMatch(l -> l.startsWith("staging: in sync")) ? first : second;
            assertTrue(later.contains(", 0 writes, 0 records"), "the second wrote no object, record or Event:\n" + both);

            assertEquals("1", client.configMaps().inNamespace(h.namespace()).withName("settings").get().getData().get("A"));
            var history = new Environments(h).history("staging");
            assertEquals(List.of("applied"), history.stream().map(r -> r.path("outcome").asText()).toList(), "one history record: " + history);
            var events = client.v1().events().inNamespace(h.namespace()).list().getItems().stream()
                    .filter(e -> "Applied".equals(e.getReason())).toList();
            assertEquals(1, events.size(), "one Applied Event: " + events);
            assertNull(lease(client, h.namespace(), "staging").getSpec().getHolderIdentity(), "released at the end");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aLockWhoseHolderDiedIsTakenOverOnceItsDurationPassed(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp)) {
            KubernetesClient client = h.cluster().client();
            // as a kustos apply killed with -9 leaves it: held, renewed a moment ago, never again
            hold(client, h.namespace(), "staging", "kustos apply by ghost@gone pid 4", ZonedDateTime.now(ZoneOffset.UTC), 3);

            var run = h.kustos("apply", "--lock-wait", "2m");
            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("staging: applied")), run.toString());
            assertTrue(run.err().contains("from \"kustos apply by ghost@gone pid 4\""), "it says whose lock it took over:\n" + run);
            assertEquals("1", client.configMaps().inNamespace(h.namespace()).withName("settings").get().getData().get("A"));
            Lease after = lease(client, h.namespace(), "staging");
            assertNull(after.getSpec().getHolderIdentity(), "taken over, then released: " + after.getSpec());
            assertEquals(1, after.getSpec().getLeaseTransitions(), "it changed hands once: " + after.getSpec());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aWriterKilledWithNineInItsRolloutWaitLosesTheLockAfterItsDuration(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = start(clusterName, tmp)) {
            KubernetesClient client = h.cluster().client();
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml())
                    + "sync: { rollbackOnFailure: false, writeLock: { leaseDuration: 3s, renewEvery: 1s } }\n");
            h.addDeployment("web", "registry.example.com/web:1.0.0", 1, 600);
            h.releases().commit("web: an image whose pods never become ready", Map.of("environments/staging/release.yaml",
                    KustosHarness.release(Map.of("app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.1-crashloop"), "")));

            KustosProcess killed = apply(h, h.kustosYaml(), tmp, "killed");
            String dead;
            try {
                String pid = " pid " + killed.pid();
                // it holds the lock and waits for web's rollout, which never comes
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    Lease l = lease(client, h.namespace(), "staging");
                    return l != null && l.getSpec().getHolderIdentity() != null && l.getSpec().getHolderIdentity().endsWith(pid)
                            && client.apps().deployments().inNamespace(h.namespace()).withName("web").get().getSpec().getTemplate()
                            .getSpec().getContainers().get(0).getImage().endsWith("1.0.1-crashloop");
                });
                dead = lease(client, h.namespace(), "staging").getSpec().getHolderIdentity();
            } finally {
                killed.kill9(); // no release, no renewal
            }

            h.releases().commit("web: fixed", Map.of("environments/staging/release.yaml",
                    KustosHarness.release(Map.of("app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.2"), "")));
            try (var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
                var run = h.kustos("apply", "--lock-wait", "2m");
                assertEquals(0, run.exit(), run.toString());
                assertTrue(run.out().lines().anyMatch(l -> l.startsWith("staging: applied")), run.toString());
                assertTrue(run.err().contains("took over the write lock " + h.namespace() + "/kustos-lock-staging from \"" + dead + "\""),
                        "it took the lock over from the killed writer:\n" + run);
            }
            Lease after = lease(client, h.namespace(), "staging");
            assertNull(after.getSpec().getHolderIdentity(), "taken over, then released: " + after.getSpec());
            assertEquals(1, after.getSpec().getLeaseTransitions(), "it changed hands once: " + after.getSpec());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHeldLockExitsFiveNamingItsHolderAndBlocksNoOtherEnvironment(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var envs = new Environments(h)) {
            envs.add("production", "");
            h.config().commit("production's settings", Map.of("environments/production/app/settings.yaml", configMap("settings", "A", "1")));
            KubernetesClient client = h.cluster().client();
            ZonedDateTime since = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            hold(client, h.namespace(), "staging", TEST_HOLDER, since, 3600);

            var run = h.kustos("apply", "--lock-wait", "0s");
            assertEquals(5, run.exit(), "another writer holds staging: try again (5):\n" + run);
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("production: applied")), "production is not blocked:\n" + run);
            assertEquals("1", envs.configValue("production", "settings", "A"), run.toString());
            String expected = "staging is being written by another writer: Lease " + h.namespace() + "/kustos-lock-staging is held by \""
                    + TEST_HOLDER + "\" since " + since.toInstant();
            assertTrue(run.all().contains(expected), "says who holds it and since when (" + expected + "):\n" + run);
            assertTrue(run.all().contains("Try again when it is done (kustos apply --lock-wait waits longer)"), "and what to do:\n" + run);

            assertNull(envs.configValue("staging", "settings", "A"), "nothing written to staging:\n" + run);
            assertEquals(List.of(), envs.history("staging").stream().map(JsonNode::toString).toList(), "nothing recorded in staging");
            assertEquals(TEST_HOLDER, lease(client, h.namespace(), "staging").getSpec().getHolderIdentity(), "the holder keeps it");
            assertNull(lease(client, envs.namespace("production"), "production").getSpec().getHolderIdentity(), "production's released");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aDaemonWaitsForAHeldLockAndWritesAtTheNextPoll(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            KubernetesClient client = h.cluster().client();
            hold(client, h.namespace(), "staging", TEST_HOLDER, ZonedDateTime.now(ZoneOffset.UTC), 3600);
            var loop = new Agent(ConfigLoader.load(h.kustosYaml()), clients).loop(r -> { }, LoopObserver.NONE);

            ReconcileReport held = loop.runOnce().orElseThrow();
            var waiting = assertInstanceOf(TargetOutcome.Waiting.class, held.targets().get(0), held.toString());
            assertTrue(waiting.message().contains("held by \"" + TEST_HOLDER + "\""), waiting.message());
            assertFalse(held.failed(), "waiting is no failure: " + held);
            assertNull(client.configMaps().inNamespace(h.namespace()).withName("settings").get(), "nothing written");

            release(client, h.namespace(), "staging");
            ReconcileReport next = loop.runOnce().orElseThrow(); // no new commit: tried again all the same
            assertInstanceOf(TargetOutcome.Applied.class, next.targets().get(0), next.toString());
            assertEquals("1", client.configMaps().inNamespace(h.namespace()).withName("settings").get().getData().get("A"));
            assertEquals(List.of("applied"), new Environments(h).history("staging").stream().map(r -> r.path("outcome").asText()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anEmergencyRollbackTakesTheLockToo(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp)) {
            KubernetesClient client = h.cluster().client();
            assertEquals(0, h.kustos("apply").exit());
            h.config().commit("A=2", Map.of(SETTINGS, configMap("settings", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());
            hold(client, h.namespace(), "staging", TEST_HOLDER, ZonedDateTime.now(ZoneOffset.UTC), 3600);

            var refused = h.kustos("rollback", "--emergency", "--to", "1", "--lock-wait", "0s");
            assertEquals(5, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("held by \"" + TEST_HOLDER + "\""), refused.toString());
            assertEquals("2", client.configMaps().inNamespace(h.namespace()).withName("settings").get().getData().get("A"), "not rolled back");

            release(client, h.namespace(), "staging");
            var rolledBack = h.kustos("rollback", "--emergency", "--to", "1", "--lock-wait", "0s");
            assertEquals(0, rolledBack.exit(), rolledBack.toString());
            assertEquals("1", client.configMaps().inNamespace(h.namespace()).withName("settings").get().getData().get("A"));
            assertNull(lease(client, h.namespace(), "staging").getSpec().getHolderIdentity(), "released after the rollback");
        }
    }

    /** Makes {@code environment}'s Lease held by {@code holder}, renewed at {@code renewed}, for {@code seconds}. */
    private static void hold(KubernetesClient client, String namespace, String environment, String holder, ZonedDateTime renewed, int seconds) {
        Lease old = lease(client, namespace, environment);
        var lease = (old == null ? new LeaseBuilder().withNewMetadata().withName(EnvironmentLock.leaseName(environment))
                .withNamespace(namespace).endMetadata() : new LeaseBuilder(old))
                .withNewSpec().withHolderIdentity(holder).withAcquireTime(renewed).withRenewTime(renewed)
                .withLeaseDurationSeconds(seconds).withLeaseTransitions(0).endSpec().build();
        if (old == null) {
            client.leases().inNamespace(namespace).resource(lease).create();
        } else {
            client.leases().inNamespace(namespace).resource(lease).update();
        }
    }

    /** Gives the test's lock up, as a writer does when it is done. */
    private static void release(KubernetesClient client, String namespace, String environment) {
        Lease lease = lease(client, namespace, environment);
        lease.getSpec().setHolderIdentity(null);
        client.leases().inNamespace(namespace).resource(lease).update();
    }

    private static Lease lease(KubernetesClient client, String namespace, String environment) {
        return client.leases().inNamespace(namespace).withName(EnvironmentLock.leaseName(environment)).get();
    }

    /** A copy of the harness's kustos.yaml beside it, with its own cache dir. */
    /** {@code kustos apply} with {@code config}, in a JVM of its own (a process of its own, as two people at two terminals). */
    private static KustosProcess apply(KustosHarness h, Path config, Path dir, String name, String... more) {
        var args = new ArrayList<>(List.of("apply", "--config", config.toString(), "--kubeconfig", h.cluster().kubeconfig().toString()));
        args.addAll(List.of(more));
        return KustosProcess.startWith(dir.resolve("writers"), name, Map.of(), args);
    }

    /** Both writers' outputs, for assertion messages. */
    private static String both(List<KustosProcess> writers) {
        return "first:\n" + writers.get(0).printed() + "\nsecond:\n" + (writers.size() > 1 ? writers.get(1).printed() : "(not started)");
    }
}
