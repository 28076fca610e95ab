package io.kustos.reconcile;

import io.kustos.testsupport.RunsAlone;
import io.kustos.history.HistoryRecord;
import io.kustos.history.HistoryStore;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.HookJobWatch;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import io.kustos.work.FaultPoint;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * kill -9 of {@code kustos apply} (a JVM of its own) stopped at each named fault point of a
 * 60-object revision (more than the 20 past which a record also carries counts; records of hundreds
 * of objects are LongRevisionIsRecordedWholeTest's) — 59 ConfigMaps changed and app's image bumped with a pre-deploy hook —
 * then the same command again without the fault (the apply in the test's JVM, as {@link KustosHarness#kustos} runs it:
 * a new command on the cluster and the repos the killed one left, which is what a restart is; a second JVM per case
 * only cost CI its start-up; the daemon's restart is a process of its own). Whatever the point: the cluster ends equal to
 * git (read back by the test's own client), the revision has exactly one history record that lists
 * its whole change set, and the hook's Job was made exactly once. The cluster lives outside the
 * killed process: the embedded one in the test JVM, or the real API server.
 *
 * <p>The cases run two at a time (failsafe's JUnit settings): each has its own namespace, temporary
 * directory, git server, embedded cluster and kustos processes (ports 0), and the in-process
 * {@code kustos apply} that swaps System.out ({@link io.kustos.testsupport.KustosRun}) runs one at a time.
 */
@RunsAlone
class KilledAtAFaultPointIT {
    private static final int CONFIGS = 59;
    /** Where write.mid stops: after this many objects of the revision, with ConfigMaps still to write. */
    private static final int MID = 20;
    private static final String RELEASE = "environments/staging/release.yaml";
    private static final String IMAGE = "registry.example.com/app:1.1.0";
    /** A pre-deploy hook db-migrate of app (also {@link PreviewShowsWhatAMergeWouldDoIT}'s). */
    private static final Duration RUN = Duration.ofMinutes(4);
    /** The killed process leaves its write lock held: the restart takes it over this soon after its last renewal. */
    private static final String SHORT_LOCK = "{ leaseDuration: 4s, renewEvery: 1s }";

    static Stream<Arguments> points() {
        return Stream.of("embedded", "realkube").flatMap(cluster -> Stream.of(FaultPoint.values()).map(p -> Arguments.of(cluster, p)));
    }

    @Execution(ExecutionMode.CONCURRENT) // its cases two at a time (failsafe's JUnit settings); the class runs alone
    @ParameterizedTest(name = "{0}, kustos apply killed at {1}")
    @MethodSource("points")
    void theRestartedApplyConvergesWithOneCompleteRecordAndOneHookRun(String clusterName, FaultPoint point, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), configs("1"));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            commitTheRevision(h);
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + "sync: { writeLock: " + SHORT_LOCK + " }\n");
            try (var hookJobs = HookJobWatch.start(h.cluster(), h.namespace())) {
                killAt(point, h, tmp, "apply");
                var again = assertTimeoutPreemptively(RUN, () -> h.kustos("apply"), "the same apply again, after kill -9 at " + point.label());
                assertEquals(0, again.exit(), "the same apply again, after kill -9 at " + point.label() + ":\n" + again);
                assertConvergedWithOneHookRun(h, hookJobs);
                assertOneCompleteRecord(h);
            }
        }
    }

    /** The daemon where it differs from apply: a recovery that is its first reconcile after a restart. */
    static Stream<Arguments> daemonPoints() {
        return Stream.of("embedded", "realkube").flatMap(cluster -> Stream.of(FaultPoint.WRITE_MID, FaultPoint.HOOK_CREATED, FaultPoint.ROLLOUT_WAIT)
                .map(p -> Arguments.of(cluster, p)));
    }

    @Execution(ExecutionMode.CONCURRENT) // its cases two at a time (failsafe's JUnit settings); the class runs alone
    @ParameterizedTest(name = "{0}, kustos run killed at {1}")
    @MethodSource("daemonPoints")
    void theRestartedDaemonConvergesWithOneCompleteRecordAndOneHookRun(String clusterName, FaultPoint point, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), configs("1"));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            commitTheRevision(h);
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h, writeLock: %s }
                    server: { port: 0, host: 127.0.0.1 }
                    """.formatted(SHORT_LOCK));
            try (var hookJobs = HookJobWatch.start(h.cluster(), h.namespace())) {
                killAt(point, h, tmp, "run");
                try (var again = KustosProcess.start(h, tmp.resolve("runs"), "again", null, "run")) {
                    await("the restarted daemon to finish the revision (its last good revision)").atMost(RUN).pollInterval(Duration.ofMillis(250))
                            .until(() -> {
                                assertTrue(again.isAlive(), "kustos run exited:\n" + again.printed());
                                return atTheHeads(h, new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load().state().lastGood());
                            });
                }
                assertConvergedWithOneHookRun(h, hookJobs);
                assertOneCompleteRecord(h);
            }
        }
    }

    /** Revision 1 applied (in-process), then revision 2 committed: 59 values changed, app 1.1.0 with its hook. */
    private static void commitTheRevision(KustosHarness h) {
        var first = h.kustos("apply");
        assertEquals(0, first.exit(), first.toString());
        h.config().commit("every value to 2", configs("2"));
        h.releases().commit("app 1.1.0, migrating first", Map.of(RELEASE, KustosHarness.release(Map.of("app", IMAGE), KustosHarness.HOOK)));
    }

    /** {@code kustos COMMAND} in a JVM of its own, stopped at the point, checked there, killed with kill -9. */
    private static void killAt(FaultPoint point, KustosHarness h, Path tmp, String command) {
        try (var killed = KustosProcess.start(h, tmp.resolve("runs"), "killed", fault(point), command)) {
            killed.awaitFaultPoint(RUN);
            assertStoppedAt(point, h, killed);
            killed.kill9();
        }
    }

    /** Every object equals git (read back by the test's own client) and the hook's Job was made exactly once. */
    private static void assertConvergedWithOneHookRun(KustosHarness h, HookJobWatch hookJobs) {
        assertEquals(Set.of(), configsNotAt(h, "2"), "every ConfigMap at its value in git");
        assertEquals("1", value(h, "app-config"));
        assertEquals(IMAGE, image(h));
        assertEquals(List.of(), h.cluster().client().batch().v1().jobs().inNamespace(h.namespace()).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).toList(), "the hook's Job is deleted once it succeeded");
        await("the watch to see the hook's Job made and deleted").atMost(Duration.ofSeconds(30)).until(hookJobs::allDeleted);
        assertEquals(1, hookJobs.made(), "the hook ran exactly once: " + hookJobs.names());
        String job = hookJobs.names().iterator().next();
        assertEquals(1, List.of(hooksSucceeded(h).split(",")).stream().filter(job::equals).count(),
                "the workload records the hook's success once: " + hooksSucceeded(h));
    }

    private static boolean atTheHeads(KustosHarness h, io.kustos.source.RevisionPair pair) {
        return pair != null && pair.config().sha().equals(h.config().head()) && pair.releases().sha().equals(h.releases().head());
    }

    private static String fault(FaultPoint point) {
        return point == FaultPoint.WRITE_MID ? point.label() + ":" + MID : point.label();
    }

    /** What each point promises, seen while the process stands there (blocked, before kill -9). */
    private static void assertStoppedAt(FaultPoint point, KustosHarness h, KustosProcess killed) {
        assertTrue(killed.isAlive(), "blocked at the point, not exited:\n" + killed.printed());
        int written = CONFIGS - configsNotAt(h, "2").size();
        var jobs = h.cluster().client().batch().v1().jobs().inNamespace(h.namespace()).list().getItems();
        switch (point) {
            case DRY_RUN -> {
                assertEquals(0, written, "nothing written after the dry runs");
                assertEquals(List.of(), jobs, "the hook's dry run makes no Job");
            }
            case WRITE_MID -> assertTrue(written >= MID && written < CONFIGS,
                    "some but not all ConfigMaps written: " + written + " of " + CONFIGS);
            case HOOK_CREATED, HOOK_SUCCEEDED -> {
                assertEquals(CONFIGS, written, "the configs go first");
                assertEquals(1, jobs.size(), "the hook's Job is there");
                assertEquals("registry.example.com/app:1.0.0", image(h), "the workload waits for its hook");
            }
            case ROLLOUT_WAIT, HISTORY_BEFORE -> {
                assertEquals(IMAGE, image(h));
                assertEquals(List.of(), records(h), "not recorded yet");
            }
            case HISTORY_AFTER -> assertEquals(1, records(h).size(), "recorded");
        }
    }

    /** One record for the revision, applied, listing all 59 ConfigMaps and app's new image. */
    private static void assertOneCompleteRecord(KustosHarness h) {
        var records = records(h);
        assertEquals(1, records.size(), "one record of the revision, not " + records.size());
        HistoryRecord r = records.get(0);
        assertEquals(io.kustos.outcome.Outcome.APPLIED, r.outcome(), String.valueOf(r.message()));
        Set<String> listed = r.objects().stream().map(o -> o.kind() + "/" + o.name()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < CONFIGS; i++) {
            expected.add("ConfigMap/" + name(i));
        }
        expected.add("Deployment/app");
        var missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "the record lists the whole change set: " + listed.size() + " of " + expected.size()
                + " objects listed, missing " + missing.size() + " (" + missing.stream().limit(3).collect(Collectors.joining(", ")) + " …)");
        assertTrue(r.objects().stream().anyMatch(o -> o.name().equals("app") && o.action().equals("image")), r.objects().toString());
    }

    /** The records of the revision now at the heads of both repos. */
    private static List<HistoryRecord> records(KustosHarness h) {
        return new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load().records().stream()
                .filter(r -> r.config().endsWith(h.config().head()) && r.releases().endsWith(h.releases().head())).toList();
    }

    private static Map<String, String> configs(String value) {
        var files = new HashMap<String, String>();
        files.put("environments/staging/app/config.yaml", configMap("app-config", "A", "1"));
        for (int i = 0; i < CONFIGS; i++) {
            files.put("environments/staging/bulk/" + name(i) + ".yaml", configMap(name(i), "V", value));
        }
        return files;
    }

    private static String name(int i) {
        return "cm-%03d".formatted(i);
    }

    private static Set<String> configsNotAt(KustosHarness h, String value) {
        Map<String, String> live = h.cluster().client().configMaps().inNamespace(h.namespace()).list().getItems().stream()
                .filter(cm -> cm.getData() != null && cm.getData().containsKey("V"))
                .collect(Collectors.toMap(cm -> cm.getMetadata().getName(), cm -> cm.getData().get("V")));
        Set<String> off = new TreeSet<>();
        for (int i = 0; i < CONFIGS; i++) {
            if (!value.equals(live.get(name(i)))) {
                off.add(name(i));
            }
        }
        return off;
    }

    private static String value(KustosHarness h, String name) {
        return h.cluster().client().configMaps().inNamespace(h.namespace()).withName(name).get().getData().get("A");
    }

    private static String image(KustosHarness h) {
        return h.cluster().client().apps().deployments().inNamespace(h.namespace()).withName("app").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static String hooksSucceeded(KustosHarness h) {
        var annotations = h.cluster().client().apps().deployments().inNamespace(h.namespace()).withName("app").get()
                .getMetadata().getAnnotations();
        return String.valueOf(annotations.get("kustos.io/hooks-succeeded"));
    }
}
