package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.history.HistoryStore;
import io.kustos.render.Renderer;
import io.kustos.source.RevisionPair;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.SecondEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18, point 3: in the daemon, a commit that leaves an environment's inputs as they were costs
 * that environment one GET and one write of its history, nothing else: no list, no write lock, no
 * dry run, no rollout wait, no Event, and its history still names the new revision as its last good
 * one (as a confirm of it would). With a watch down the same commit takes the full path: lists, the
 * lock, the confirm.
 */
class UntouchedEnvironmentIT {
    private static final String STAGING = KustosHarness.STAGING_APP_CONFIG;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aCommitToAnotherEnvironmentIsRecordedWithoutListingLockingOrWaiting(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.withAppConfig(tmp, clusterName);
             var qa = SecondEnvironment.add(h, "qa");
             var proxy = io.kustos.testsupport.FaultProxy.inFrontOf(h.cluster(), tmp)) { // no fault: it logs each request
            h.config().commit("qa's config", Map.of("environments/qa/app/config.yaml", configMap("app-config", "B", "1")));
            String inQa = "/apis?/.*/namespaces/" + qa.namespace() + "/.*";
            var refused = proxy.on("GET", inQa).watches(); // no fault until qa's watches are cut, at the end
            var watches = proxy.on("GET", inQa).dropWatch();
            var config = ConfigLoader.load(h.kustosYaml());
            var poller = new SourcePoller(config);
            try (var clients = new ClusterClients(proxy.kubeconfig(), null)) {
                var daemon = appliedAndSettled(config, clients, poller);
                var requests = clients.counter();

                String qaBefore = lockAndEvents(h, qa);
                int seen = proxy.requests().size();
                var oneKey = commitAndApply(h, daemon, poller, requests, STAGING, configMap("app-config", "A", "2"));
                var sent = proxy.requests().subList(seen, proxy.requests().size()).stream().filter(r -> !r.contains("watch=")).toList();
                assertEquals(java.util.List.of("GET", "PATCH"), sent.stream().filter(r -> r.contains("/namespaces/" + qa.namespace() + "/"))
                        .map(r -> r.contains("/configmaps/kustos-history") ? r.substring(0, r.indexOf(' ')) : r).toList(),
                        "qa: one GET and one write of its history, nothing else (no list, no rollout wait): " + sent);
                assertInstanceOf(TargetOutcome.Applied.class, outcome(oneKey.report, "staging"), oneKey.report.toString());
                assertInstanceOf(TargetOutcome.InSync.class, outcome(oneKey.report, "qa"), oneKey.report.toString());
                assertEquals(oneKey.revisions, lastGood(h, qa), "qa's history names the new revision as its last good one");
                assertEquals(qaBefore, lockAndEvents(h, qa), "qa's write lock was not taken and no Event was sent there");

                settle(daemon, poller, requests);
                var untouched = commitAndApply(h, daemon, poller, requests, "README.md", "no environment renders this\n");
                assertFalse(untouched.report.failed(), untouched.report.toString());
                assertEquals("2 reads, 0 dry runs, 0 writes, 2 records (events, history), 0 lock requests", untouched.requests,
                        "per environment one GET and one write of its history");
                assertEquals(untouched.revisions, lastGood(h, qa));
                assertEquals(untouched.revisions, new HistoryStore(h.cluster().client(), h.namespace(), "staging", 10).load().state().lastGood());

                // with qa's watches cut and refused, the same kind of commit takes the full path there
                refused.always().status(503);
                assertTrue(watches.drop() > 0, "qa's watches were cut");
                Awaitility.await("qa's watches are refused").atMost(Duration.ofSeconds(30)).until(() -> refused.faulted() > 0);
                var full = commitAndApply(h, daemon, poller, requests, "README.md", "still nothing\n");
                assertFalse(full.report.failed(), full.report.toString());
                assertTrue(requests.locks() > 0, "qa, whose watches are down, lists, locks and confirms: " + full.requests);
                assertEquals(full.revisions, lastGood(h, qa));
            }
        }
    }

    /**
     * review12b #1: another writer writes qa's history between the daemon's GET of its state and its state-only write.
     * The write, guarded by the resourceVersion read, gets a 409 and writes nothing; qa takes the full path (lists, the
     * write lock, the confirm) and records the revision there on the history read again: the other writer's record and
     * the daemon's last good revision both stand, no object of qa is written, and no second record or Event is made.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHistoryWrittenBetweenTheReadAndTheStateWriteTakesTheFullPath(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.withAppConfig(tmp, clusterName);
             var qa = SecondEnvironment.add(h, "qa");
             var proxy = io.kustos.testsupport.FaultProxy.inFrontOf(h.cluster(), tmp)) {
            h.config().commit("qa's config", Map.of("environments/qa/app/config.yaml", configMap("app-config", "B", "1")));
            var config = ConfigLoader.load(h.kustosYaml());
            var poller = new SourcePoller(config);
            try (var clients = new ClusterClients(proxy.kubeconfig(), null)) {
                var daemon = appliedAndSettled(config, clients, poller);
                // the next write of qa's history through the proxy (the daemon's state-only write) waits there
                var stateWrite = proxy.on("PATCH", "/api/v1/namespaces/" + qa.namespace() + "/configmaps/" + HistoryStore.NAME).nth(1).stall();
                var other = new HistoryStore(h.cluster().client(), qa.namespace(), "qa", 10);
                var before = other.load();
                String qaBefore = lockAndEvents(h, qa);

                h.config().commit("change " + STAGING, Map.of(STAGING, configMap("app-config", "A", "2")));
                var heads = poller.poll();
                var revisions = new RevisionPair(heads.config().snapshot().revision(), heads.releases().snapshot().revision());
                int seen = proxy.requests().size();
                var run = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                        daemon.reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false));
                Awaitility.await("qa's state-only write reached the proxy").atMost(Duration.ofSeconds(30)).until(() -> stateWrite.held() == 1);
                var read = other.load();
                var theirs = new io.kustos.history.HistoryRecord(read.nextNumber(), "qa", "main@sha1:" + "c".repeat(40), "main@sha1:" + "d".repeat(40),
                        null, null, "2026-12-06T00:00:00Z", 1, io.kustos.outcome.Outcome.WAITING, "another writer's record", java.util.List.of());
                other.save(read, read.state(), theirs);
                stateWrite.release();
                var report = run.get(60, java.util.concurrent.TimeUnit.SECONDS);

                assertFalse(report.failed(), report.toString());
                var after = other.load();
                assertEquals(revisions, after.state().lastGood(), "the daemon's write: the revision is qa's last good one");
                assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.of(theirs.config()), before.records().stream().map(r -> r.config())).toList(),
                        after.records().stream().map(r -> r.config()).toList(),
                        "the other writer's record stands, and the daemon's confirm added none");
                var sent = proxy.requests().subList(seen, proxy.requests().size()).stream()
                        .filter(r -> r.contains("/namespaces/" + qa.namespace() + "/") && !r.contains("watch=")).toList();
                assertTrue(sent.stream().filter(r -> r.startsWith("PATCH ") || r.startsWith("POST ") || r.startsWith("PUT ") || r.startsWith("DELETE "))
                        .allMatch(r -> r.contains("/configmaps/" + HistoryStore.NAME) || r.contains("/leases/")),
                        "nothing of qa written but its history and its lock: " + sent);
                // the full path reads qa from the watch caches while they vouch for it (ATouchedEnvironmentReadsItsWatchCachesIT),
                // so no list need show: the write lock, which only the full path takes, and the history read under it are the proof
                int lock = sent.indexOf(sent.stream().filter(r -> r.contains("/leases/")).findFirst().orElse(null));
                assertTrue(lock >= 0, "qa took its write lock for the confirm: " + sent);
                assertTrue(sent.subList(lock, sent.size()).stream().anyMatch(r -> r.startsWith("GET ") && r.contains("/configmaps/" + HistoryStore.NAME)),
                        "and read its history again under it: " + sent);
                String qaAfter = lockAndEvents(h, qa);
                assertNotEquals(qaBefore, qaAfter, "the lock was taken: qa took the full path (the state-only write takes none)");
                assertEquals(qaBefore.substring(qaBefore.indexOf(", events")), qaAfter.substring(qaAfter.indexOf(", events")),
                        "no Event in qa: a confirm of an unchanged revision sends none");
            }
        }
    }

    private record Applied(ReconcileReport report, RevisionPair revisions, String requests) {
    }

    private static Applied commitAndApply(KustosHarness h, RevisionReconciler reconciler, SourcePoller poller,
                                          io.kustos.cluster.RequestCounter requests, String file, String content) {
        h.config().commit("change " + file, Map.of(file, content));
        var heads = poller.poll();
        requests.reset();
        h.cluster().resetCounts();
        var report = reconciler.reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false);
        return new Applied(report, new RevisionPair(heads.config().snapshot().revision(), heads.releases().snapshot().revision()),
                requests.toString());
    }

    /** The daemon's reconciler, once it applied the heads and its watch caches match them (also for other ITs of the daemon). */
    static RevisionReconciler appliedAndSettled(io.kustos.config.KustosConfig config, ClusterClients clients, SourcePoller poller) {
        var daemon = RevisionReconciler.watchingBetweenCommits(config, new Renderer(Decryptor.NONE), clients, poller, Duration.ofMillis(100))
                .lockingAs(WriteLockPolicy.daemon());
        var first = poller.poll();
        assertFalse(daemon.reconcile(first.config().snapshot(), first.releases().snapshot(), true, false).failed());
        settle(daemon, poller, clients.counter());
        return daemon;
    }

    /** Polls without a new commit until a poll sends no request: every watch is up and its caches match the revision. */
    private static void settle(RevisionReconciler daemon, SourcePoller poller, io.kustos.cluster.RequestCounter requests) {
        var heads = poller.poll();
        Awaitility.await("the watch caches match the revision").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            requests.reset();
            daemon.heal(heads.config().snapshot(), heads.releases().snapshot());
            return requests.reads() == 0 && requests.locks() == 0;
        });
    }

    private static TargetOutcome outcome(ReconcileReport report, String environment) {
        return report.targets().stream().filter(o -> o.environment().equals(environment)).findFirst().orElseThrow();
    }

    private static RevisionPair lastGood(KustosHarness h, SecondEnvironment env) {
        return new HistoryStore(h.cluster().client(), env.namespace(), env.environment(), 10).load().state().lastGood();
    }

    /** qa's write lock (its Lease's resourceVersion, if any) and the Events in its namespace. */
    private static String lockAndEvents(KustosHarness h, SecondEnvironment qa) {
        var client = h.cluster().client();
        var lease = client.leases().inNamespace(qa.namespace()).withName(io.kustos.cluster.EnvironmentLock.leaseName("qa")).get();
        var events = client.v1().events().inNamespace(qa.namespace()).list().getItems().stream()
                .map(e -> e.getReason() + " " + e.getCount()).sorted().toList();
        return "lease " + (lease == null ? null : lease.getMetadata().getResourceVersion()) + ", events " + events;
    }
}
