package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.RequestLog;
import io.kustos.cluster.embedded.sim.SimulationSettings;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The rollout wait reads each kind and namespace once, then follows it by one watch: its requests do
 * not grow with its length, a watch that ends is read and watched once more, a workload deleted while
 * watched fails as before, and the deadline still ends the wait. On an in-process embedded cluster whose controllers act 1.5 s
 * after a change. A test that needs the rollouts pending at a read or a watch does not count on that delay (a loaded
 * machine may read later): it rolls out an image whose pods never become ready ({@link #CRASHLOOP}) and ends the
 * rollouts itself once the waiter did what it tests.
 */
class RolloutWaitByWatchTest {
    /** An image whose pods never become ready: the rollout is pending until the test gives it {@link #READY}. */
    private static final String CRASHLOOP = "registry.example.com/app:1.0.0-crashloop";
    private static final String READY = "registry.example.com/app:1.0.0";
    private static EmbeddedCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(1500), Duration.ofMillis(500)));
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private static List<DesiredWorkload> deployments(String namespace, int n, String image) {
        cluster.createNamespace(namespace);
        return IntStream.range(0, n).mapToObj(i -> {
            String name = "d" + i;
            Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                    .endTemplate().endSpec().build();
            client.apps().deployments().inNamespace(namespace).resource(d).create();
            return new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", namespace, name), new TreeMap<>(Map.of("app", image)),
                    "releases:environments/" + namespace + "/release.yaml", "workloads[" + i + "]");
        }).toList();
    }

    /** The lists of the namespace's Deployments, or their watches: what a wait reads (a GET by name is none). */
    private static long deploymentReads(String namespace, boolean watch) {
        RequestLog log = cluster.requests();
        return log.count(e -> e.method().equals("GET") && e.path().equals("/apis/apps/v1/namespaces/" + namespace + "/deployments")
                && e.query().contains("watch=true") == watch);
    }

    /**
     * Once {@code due} holds, gives each of {@code workloads} an image whose pods become ready: a rollout waited for with
     * {@link #CRASHLOOP} ends when the test says so, after the waiter did what the test is about, never on a timer.
     */
    private static CompletableFuture<Void> fixImagesOnce(String namespace, List<DesiredWorkload> workloads, BooleanSupplier due) {
        return CompletableFuture.runAsync(() -> {
            await("the waiter did what the test is about").atMost(Duration.ofSeconds(30)).until(due::getAsBoolean);
            for (DesiredWorkload w : workloads) {
                client.apps().deployments().inNamespace(namespace).withName(w.key().name()).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + READY + "\"}]}}}}");
            }
        }, r -> {
            Thread t = new Thread(r, "fixes-the-images");
            t.setDaemon(true);
            t.start();
        });
    }

    /** review12a: a watch costs a request; a read that finds every workload rolled out ends the wait without one. */
    @Test
    void aWaitWhoseReadFindsAllRolledOutOpensNoWatch() {
        var workloads = deployments("watch-none", 3, READY);
        await().until(() -> client.apps().deployments().inNamespace("watch-none").list().getItems().stream()
                .allMatch(d -> RolloutProgress.of(d, rs -> null).state() == RolloutProgress.State.DONE));
        long before = deploymentReads("watch-none", false);

        new RolloutWaiter(client, Duration.ofMillis(100), Clock.systemUTC()).await(workloads, Duration.ofMinutes(1));

        assertEquals(1, deploymentReads("watch-none", false) - before, "one list:\n" + cluster.requests());
        assertEquals(0, deploymentReads("watch-none", true), "no watch:\n" + cluster.requests());
    }

    @Test
    void aWaitIsOneListAndOneWatchHoweverLongItTakes() {
        var workloads = deployments("watch-done", 5, READY);

        new RolloutWaiter(client, Duration.ofMillis(100), Clock.systemUTC()).await(workloads, Duration.ofMinutes(1));

        assertEquals(1, deploymentReads("watch-done", false), "one list:\n" + cluster.requests());
        assertTrue(deploymentReads("watch-done", true) <= 1, "one watch (none if the list found them rolled out):\n" + cluster.requests());
        assertEquals(5, client.apps().deployments().inNamespace("watch-done").list().getItems().stream()
                .filter(d -> Integer.valueOf(1).equals(d.getStatus().getUpdatedReplicas())).count(), "all rolled out when the wait returned");
    }

    @Test
    void aWatchThatEndsIsReadAndWatchedOnceMore() {
        var workloads = deployments("watch-closed", 3, CRASHLOOP);
        var watches = RecordingWatches.endingFirst(1, WorkloadWatches.of(client));
        var fixed = fixImagesOnce("watch-closed", workloads, () -> watches.opened() >= 2);

        watches.waiter(client).await(workloads, Duration.ofMinutes(1));

        fixed.join();
        assertEquals(2, watches.opened(), "watched once more after the end");
        assertEquals(2, deploymentReads("watch-closed", false), "read again after the end:\n" + cluster.requests());
        assertEquals(1, deploymentReads("watch-closed", true), cluster.requests().toString());
    }

    /**
     * review12a #5: a watch that ends a second time is not opened a third time; the group is read in rounds until done
     * (its watches never say a word: only a read sees the rollouts, ended after the second watch, done).
     */
    @Test
    void aWatchThatEndsTwiceFallsBackToPolling() {
        var workloads = deployments("watch-closed-twice", 2, CRASHLOOP);
        var watches = RecordingWatches.endingEveryTime();
        var fixed = fixImagesOnce("watch-closed-twice", workloads, () -> watches.opened() >= 2);

        watches.waiter(client).await(workloads, Duration.ofMinutes(1));

        fixed.join();
        assertEquals(2, watches.opened(), "watched once more after the first end, not after the second");
        assertTrue(deploymentReads("watch-closed-twice", false) >= 3, "read, then read after each end:\n" + cluster.requests());
    }

    /** review12a #5: a watch that stays silent (a dead connection no error reports) is read again after the quiet time, not reopened. */
    @Test
    void aSilentWatchIsReadAgainAfterItsQuietTime() {
        var workloads = deployments("watch-silent", 2, CRASHLOOP);
        var watches = RecordingWatches.silent();
        var fixed = fixImagesOnce("watch-silent", workloads, () -> watches.opened() >= 1);

        watches.waiter(client, Duration.ofMillis(200))
                .await(workloads, Duration.ofMinutes(1)); // without the quiet read: the deadline, a RolloutFailedException

        fixed.join();
        assertEquals(1, watches.opened(), "the silent watch stays; it is not opened again");
        assertTrue(deploymentReads("watch-silent", false) >= 2, "read again while silent:\n" + cluster.requests());
    }

    /**
     * review12a #5: an event no newer than the read (a stale state a watch may replay, here one that says the rollout
     * timed out) is dropped: the wait goes on to the real rollout's end. The stale state comes as the watch opens,
     * before the rollout, pending at the read, is ended by the test.
     */
    @Test
    void anEventOlderThanTheReadIsDropped() {
        var workloads = deployments("watch-stale", 1, CRASHLOOP);
        Deployment stale = client.apps().deployments().inNamespace("watch-stale").withName("d0").get();
        stale.getMetadata().setResourceVersion("1");
        stale.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(stale.getMetadata().getGeneration())
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("timed out progressing").endCondition().build());
        assertEquals(RolloutProgress.State.FAILED, RolloutProgress.of(stale, rs -> null).state(), "taken, the stale state fails the wait");
        var watches = new RecordingWatches(WorkloadWatches.of(client))
                .onOpen((group, signals) -> signals.offer(new RolloutSignals.Changed(group, stale)));
        var fixed = fixImagesOnce("watch-stale", workloads, () -> watches.opened() >= 1);

        assertDoesNotThrow(() -> watches.waiter(client).await(workloads, Duration.ofMinutes(1)),
                "the waiter dropped the stale state it was given and waited for the rollout");

        fixed.join();
        assertEquals(1, watches.opened(), "watched, so the stale state was offered");
    }

    @Test
    void aWorkloadDeletedWhileWatchedFailsAsBefore() {
        var workloads = deployments("watch-deleted", 2, CRASHLOOP);
        var deleter = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(15)).until(() -> deploymentReads("watch-deleted", true) == 1);
            client.apps().deployments().inNamespace("watch-deleted").withName("d1").delete();
        });

        var e = assertThrows(RolloutFailedException.class, () -> new RolloutWaiter(client, Duration.ofMillis(100), Clock.systemUTC())
                .await(workloads, Duration.ofSeconds(20))); // under RolloutWaiter.QUIET: seen by its event, not a read

        deleter.join();
        assertEquals("releases:environments/watch-deleted/release.yaml: workloads[1]: deployment/watch-deleted/d1: rollout failed:"
                + " the workload was deleted", e.getMessage());
    }

    @Test
    void aWatchedWaitStillEndsAtTheDeadline() {
        var workloads = deployments("watch-late", 2, CRASHLOOP);
        var watches = new RecordingWatches(WorkloadWatches.of(client));

        var e = assertThrows(RolloutFailedException.class, () -> watches.waiter(client).await(workloads, Duration.ofSeconds(3)));

        var lines = e.getMessage().lines().toList();
        assertEquals(2, lines.size(), e.getMessage());
        assertTrue(lines.get(0).startsWith("releases:environments/watch-late/release.yaml: workloads[0]: deployment/watch-late/d0:"
                + " rollout did not finish within 3s ("), e.getMessage());
        assertTrue(lines.get(1).startsWith("releases:environments/watch-late/release.yaml: workloads[1]: deployment/watch-late/d1:"
                + " rollout did not finish within 3s ("), e.getMessage());
        assertEquals(1, deploymentReads("watch-late", false), "no polling while watched:\n" + cluster.requests());
        assertEquals(1, watches.opened(), "watched the group once, not polled");
        // the watch starts on a thread of its own: on a busy machine its request may reach the server after the wait ended,
        // or never (the wait closed it before its thread came to it); never twice
        assertTrue(deploymentReads("watch-late", true) <= 1, cluster.requests().toString());
    }
}
