package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.history.HistoryStore;
import io.kustos.render.Renderer;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18, point 3: in the daemon, an environment a commit touches reads what it compares from the watch caches, not by
 * one list per kind and namespace, before the write lock and again under it, where it reads its history and the configs
 * the commit changes by a GET each; one commit after another, with no poll between them nor before them (the first
 * commit's read starts the watches; from the next one on they vouch). A writer that records the
 * history between the read and the lock sends it back to listing under the lock.
 */
class ATouchedEnvironmentReadsItsWatchCachesIT {
    private static final String STAGING = KustosHarness.STAGING_APP_CONFIG;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aOneKeyCommitListsNothingAndGetsTheChangedConfigUnderTheLock(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.withAppConfig(tmp, clusterName);
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp)) { // no fault: it logs each request
            var config = ConfigLoader.load(h.kustosYaml());
            var poller = new SourcePoller(config);
            try (var clients = new ClusterClients(proxy.kubeconfig(), null)) {
                // the daemon applies and commits follow, with no poll between: the first commit starts the watches and lists
                var daemon = applied(config, clients, poller);
                for (String value : List.of("2", "3", "4")) {
                    int seen = proxy.requests().size();
                    h.config().commit("A=" + value, Map.of(STAGING, configMap("app-config", "A", value)));
                    var heads = poller.poll();
                    var report = daemon.reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false);
                    assertInstanceOf(TargetOutcome.Applied.class, report.targets().get(0), report.toString());
                    assertEquals(value, h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get()
                            .getData().get("A"));
                    awaitCachesMatch(daemon, config, h.cluster().client());
                    if (value.equals("2")) {
                        continue; // the watches were started by this commit's read: they vouch from the next one
                    }
                    var sent = inNamespace(proxy.requests().subList(seen, proxy.requests().size()), h.namespace());
                    assertEquals(List.of(), sent.stream().filter(ATouchedEnvironmentReadsItsWatchCachesIT::isList).toList(),
                            "A=" + value + ": no list of the namespace: " + sent);
                    int lock = firstLeaseRequest(sent);
                    assertTrue(lock >= 0, "the write lock was taken: " + sent);
                    assertEquals(List.of("GET /configmaps/kustos-history"), gets(sent.subList(0, lock)),
                            "A=" + value + ": before the lock, the history alone is read: " + sent);
                    int dryRun = lock + (int) sent.subList(lock, sent.size()).stream().takeWhile(r -> !r.contains("dryRun=All")).count();
                    assertEquals(List.of("GET /configmaps/app-config", "GET /configmaps/kustos-history"),
                            gets(sent.subList(lock, dryRun)).stream().sorted().toList(),
                            "A=" + value + ": under the lock, before the dry run, the history and the changed config: " + sent);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHistoryWrittenBetweenTheReadAndTheLockIsListedAgainUnderTheLock(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.withAppConfig(tmp, clusterName);
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp)) {
            var config = ConfigLoader.load(h.kustosYaml());
            var poller = new SourcePoller(config);
            try (var clients = new ClusterClients(proxy.kubeconfig(), null)) {
                var daemon = UntouchedEnvironmentIT.appliedAndSettled(config, clients, poller);
                // the daemon's next request for its write lock waits at the proxy while another writer records
                var lease = proxy.on("*", "/apis/coordination.k8s.io/v1/namespaces/" + h.namespace() + "/leases.*").nth(1).stall();
                h.config().commit("A=2", Map.of(STAGING, configMap("app-config", "A", "2")));
                var heads = poller.poll();
                int seen = proxy.requests().size();
                var run = CompletableFuture.supplyAsync(() -> daemon.reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false));
                Awaitility.await("the lock request reached the proxy").atMost(Duration.ofSeconds(30)).until(() -> lease.held() == 1);
                var other = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 10);
                var read = other.load();
                var theirs = new io.kustos.history.HistoryRecord(read.nextNumber(), "staging", "main@sha1:" + "c".repeat(40),
                        "main@sha1:" + "d".repeat(40), null, null, "2026-12-06T00:00:00Z", 1, io.kustos.outcome.Outcome.WAITING,
                        "another writer's record", List.of());
                other.save(read, read.state(), theirs);
                lease.release();
                var report = run.get(60, TimeUnit.SECONDS);

                assertInstanceOf(TargetOutcome.Applied.class, report.targets().get(0), report.toString());
                var sent = inNamespace(proxy.requests().subList(seen, proxy.requests().size()), h.namespace());
                int lock = firstLeaseRequest(sent);
                assertEquals(List.of(), sent.subList(0, lock).stream().filter(ATouchedEnvironmentReadsItsWatchCachesIT::isList).toList(),
                        "before the lock, the caches were read: " + sent);
                assertTrue(sent.subList(lock, sent.size()).stream().anyMatch(r -> r.matches("GET /configmaps(\\?.*)?")),
                        "under the lock, the ConfigMaps were listed: " + sent);
                assertTrue(other.load().records().stream().anyMatch(r -> r.config().equals(theirs.config())), "their record stands");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aCommitThatChangesManyConfigsListsThemOnceUnderTheLockAndOneThatChangesAFewGetsThem(String clusterName, @TempDir Path tmp)
            throws Exception {
        int many = io.kustos.live.CachesWithFreshObjects.listsAbove(0) + 1; // the namespace holds fewer than 64 ConfigMaps
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), configs(many, "1"));
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp)) {
            var config = ConfigLoader.load(h.kustosYaml());
            var poller = new SourcePoller(config);
            try (var clients = new ClusterClients(proxy.kubeconfig(), null)) {
                var daemon = applied(config, clients, poller);
                // the first commit's read starts the watches; the next two read the caches, then fresh what they change
                for (var commit : List.of(configs(1, "2"), configs(1, "3"), configs(many, "4"))) {
                    int seen = proxy.requests().size();
                    h.config().commit("A changed in " + commit.size() + " config(s)", commit);
                    var heads = poller.poll();
                    var report = daemon.reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false);
                    assertInstanceOf(TargetOutcome.Applied.class, report.targets().get(0), report.toString());
                    awaitCachesMatch(daemon, config, h.cluster().client());
                    if (commit.containsValue(configMap("app-config-0", "A", "2"))) {
                        continue;
                    }
                    var sent = inNamespace(proxy.requests().subList(seen, proxy.requests().size()), h.namespace());
                    int lock = firstLeaseRequest(sent);
                    int dryRun = lock + (int) sent.subList(lock, sent.size()).stream().takeWhile(r -> !r.contains("dryRun=All")).count();
                    var underTheLock = sent.subList(lock, dryRun);
                    var configGets = gets(underTheLock).stream().filter(r -> r.startsWith("GET /configmaps/app-config-")).toList();
                    var lists = underTheLock.stream().filter(ATouchedEnvironmentReadsItsWatchCachesIT::isList).toList();
                    if (commit.size() == 1) {
                        assertEquals(List.of("GET /configmaps/app-config-0"), configGets, "one changed config: one GET: " + sent);
                        assertEquals(List.of(), lists, "one changed config: no list: " + sent);
                    } else {
                        assertEquals(List.of(), configGets, many + " changed configs: no GET of them: " + sent);
                        assertEquals(1, lists.size(), many + " changed configs: one list: " + sent);
                        assertTrue(lists.get(0).startsWith("GET /configmaps"), "the ConfigMaps listed: " + sent);
                    }
                    String value = commit.get("environments/staging/app/config-0.yaml").replaceAll("(?s).*A: \"(\\d+)\".*", "$1");
                    for (int i = 0; i < commit.size(); i++) {
                        assertEquals(value, h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config-" + i).get()
                                .getData().get("A"), "app-config-" + i + " written");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theCachesAreComparedWithTheRevisionJustAppliedBeforeTheNextCommitComes(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.withAppConfig(tmp, clusterName)) {
            var config = ConfigLoader.load(h.kustosYaml());
            var poller = new SourcePoller(config);
            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
                // the reconcile's own wait for the watches to deliver its record, long enough for a loaded machine: it ends
                // as soon as they did (the daemon waits at most CachedLiveRead.AFTER_APPLY_WAIT, then leaves it to the next commit)
                var daemon = applied(config, clients, poller).awaitingTheWatchesAfterApplyAtMost(Duration.ofMinutes(1));
                var memory = daemon.memory();
                var target = config.targets().get(0);
                for (String value : List.of("2", "3")) {
                    h.config().commit("A=" + value, Map.of(STAGING, configMap("app-config", "A", value)));
                    var heads = poller.poll();
                    var report = daemon.reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false);
                    assertInstanceOf(TargetOutcome.Applied.class, report.targets().get(0), report.toString());
                    // as the reconcile returns, the caches already vouch for the revision it applied: the next commit's
                    // read (its webhook may come at once) need not compare them with it first
                    var watched = memory.watched(target);
                    var good = memory.lastGood(target.environment());
                    assertTrue(CachesVouchRule.unchangedSince(memory, target.environment(), watched, good.revisions(), watched.changes()),
                            "A=" + value + ": the caches were compared with the revision applied once they delivered its record");
                }
            }
        }
    }

    /** The daemon's reconciler (no poll runs), having applied the head of the config repo. */
    private static RevisionReconciler applied(io.kustos.config.KustosConfig config, ClusterClients clients, SourcePoller poller) {
        var daemon = RevisionReconciler.watchingBetweenCommits(config, new Renderer(Decryptor.NONE), clients, poller,
                Duration.ofMillis(100)).lockingAs(WriteLockPolicy.daemon());
        var first = poller.poll();
        assertFalse(daemon.reconcile(first.config().snapshot(), first.releases().snapshot(), true, false).failed());
        return daemon;
    }

    /** {@code count} ConfigMaps app-config-0.. of staging, each in a file of its own, with A={@code value}. */
    private static Map<String, String> configs(int count, String value) {
        var files = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < count; i++) {
            files.put("environments/staging/app/config-" + i + ".yaml", configMap("app-config-" + i, "A", value));
        }
        return files;
    }

    /**
     * Until the daemon's watch caches of staging match what it last applied there and have handled its history as written
     * last (they deliver its writes a moment later).
     */
    private static void awaitCachesMatch(RevisionReconciler daemon, io.kustos.config.KustosConfig config,
                                         io.fabric8.kubernetes.client.KubernetesClient admin) {
        var memory = daemon.memory();
        var target = config.targets().get(0);
        var differ = new io.kustos.diff.Differ(config.sync().prune(), config.sync().allowPruneAll());
        Awaitility.await("the watch caches match the revision applied").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var diff = WatchedCompareStep.cachedDiff(differ, memory.watched(target), memory.lastGoodState(target.environment()));
                    String history = admin.configMaps().inNamespace(target.namespace()).withName(HistoryStore.NAME).get()
                            .getMetadata().getResourceVersion();
                    return diff != null && diff.isEmpty() && memory.watched(target).watching()
                            && memory.watched(target).historyHandled(target.namespace(), history);
                });
    }

    /** The requests sent to {@code namespace}, not watches, as {@code METHOD /kind[/name][?query]}. */
    private static List<String> inNamespace(List<String> requests, String namespace) {
        String in = "/namespaces/" + namespace;
        return requests.stream().filter(r -> r.contains(in + "/") && !r.contains("watch="))
                .map(r -> r.substring(0, r.indexOf(' ')) + " " + r.substring(r.indexOf(in) + in.length())).toList();
    }

    /** A list of a kind in the namespace; not the rollout wait's, of one workload by name. */
    private static boolean isList(String request) {
        return request.matches("GET /(configmaps|secrets|deployments|statefulsets|daemonsets)(\\?.*)?")
                && !request.contains("fieldSelector=metadata.name");
    }

    private static int firstLeaseRequest(List<String> sent) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).contains("/leases")) {
                return i;
            }
        }
        return -1;
    }

    /** The GETs of ConfigMaps, Secrets and workloads by name, without their query. */
    private static List<String> gets(List<String> sent) {
        return sent.stream().filter(r -> r.matches("GET /(configmaps|secrets|deployments|statefulsets|daemonsets)/.*"))
                .map(r -> r.contains("?") ? r.substring(0, r.indexOf('?')) : r).toList();
    }
}
