package io.kustos.reconcile;

import io.kustos.history.HistoryStore;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15, point 1: a write that still fails in the write phase, after other objects of the
 * revision were written, no longer leaves the revision half written. Kustos talks to the cluster
 * through the {@link FaultProxy} (TLS in front of the real API server), which fails the write of
 * one ConfigMap of twelve — five hundreds or stale-read conflicts until Kustos gives up, or one
 * refusal — and passes every other request (its dry run, the other writes, the rollback's). The environment ends at its last good revision, with a
 * {@code rolled-back} history record and a {@code RolledBack} Event saying a write failed and
 * where the environment was put back, and the exit code of the write's failure.
 */
class HalfWrittenRevisionIsPutBackIT {
    private static final int OBJECTS = 12;
    private static final String FAILING = "c-07";

    /** The fault on the PATCHes of {@value #FAILING}: the first is its dry run, which passes. */
    static Stream<Arguments> faults() {
        var cases = Stream.<Object[]>of(
                new Object[]{"a server error after every retry", 5, 4, (Function<FaultRule, FaultRule>) r -> r.after(1).status(500),
                        "apply failed (HTTP 500): Internal error occurred: injected by the fault proxy (gave up after 4 attempts)"},
                new Object[]{"a stale-read conflict after every retry", 5, 4, (Function<FaultRule, FaultRule>) r -> r.after(1).conflict(),
                        "apply failed (HTTP 409, the object changed while Kustos wrote it)"},
                new Object[]{"a write refused by the API server", 4, 1, (Function<FaultRule, FaultRule>) r -> r.nth(2).status(403),
                        "apply was forbidden by the API server"}).toList();
        return Stream.of("embedded", "realkube").flatMap(c -> cases.stream().map(a -> Arguments.of(c, a[0], a[1], a[2], a[3], a[4])));
    }

    private static String file(int i) {
        return "environments/staging/app/c-%02d.yaml".formatted(i);
    }

    private static Map<String, String> objects(String value) {
        var files = new HashMap<String, String>();
        for (int i = 0; i < OBJECTS; i++) {
            files.put(file(i), configMap("c-%02d".formatted(i), "A", value));
        }
        return files;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faults")
    void theEnvironmentIsPutBackToItsLastGoodRevision(String clusterName, String what, int exit, int faults,
                                                       Function<FaultRule, FaultRule> fault, String says, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), objects("1"))) {
            var good = h.kustos("apply");
            assertEquals(0, good.exit(), good.toString());
            String goodConfig = h.config().head();
            h.config().commit("A=2 in every ConfigMap", objects("2"));

            try (var proxy = FaultProxy.inFrontOf(h.cluster(), tmp)) {
                var rule = fault.apply(proxy.on("PATCH", path(h.namespace(), FAILING)));
                var run = h.kustosWith(proxy.kubeconfig(), "apply");
                assertEquals(exit, run.exit(), "the exit code of the write's failure (" + what + "):\n" + run);
                assertTrue(run.out().contains("staging: FAILED ("), run.toString());
                assertTrue(run.out().contains("rolled back to config=main@sha1:" + goodConfig), "says where it was put back:\n" + run);
                assertTrue(run.all().contains("configmap/" + h.namespace() + "/" + FAILING + ": " + says), "names the object and the fault:\n" + run);
                assertTrue(run.all().contains("the environment was put back to its last good revision config=main@sha1:" + goodConfig),
                        "says what happened to the environment:\n" + run);
                int restored = restored(run);
                assertTrue(restored >= 1, "some objects of the revision had been written before the failure, and were put back:\n" + run);
                assertEquals(faults, rule.faulted(), "the failing write was sent " + faults + " times");
                assertEquals(1 + faults, rule.matched(), "its dry run, then its writes (it never changed: the rollback had nothing to put back there)");
            }

            for (int i = 0; i < OBJECTS; i++) {
                String name = "c-%02d".formatted(i);
                assertEquals("1", h.cluster().client().configMaps().inNamespace(h.namespace()).withName(name).get().getData().get("A"),
                        name + " is back at the last good revision");
            }
            var history = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertEquals(goodConfig, history.state().lastGood().config().sha(), "the last good revision stays: " + history);
            assertNull(history.state().lastFailed(), "a write failure does not hold the revision (a retry may pass): " + history);
            var newest = history.records().get(0);
            assertEquals("rolled-back", newest.outcome().word(), history.toString());
            assertEquals(h.config().head(), newest.revisions().config().sha(), history.toString());
            assertTrue(newest.message().contains(says) && newest.message().contains("put back to its last good revision"), newest.message());

            var events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                    .filter(e -> e.getSource() != null && "kustos".equals(e.getSource().getComponent()) && e.getType().equals("Warning")).toList();
            assertEquals(1, events.size(), "one Event for the revision's outcome: " + events);
            assertEquals("RolledBack", events.get(0).getReason());
            assertTrue(events.get(0).getMessage().contains("a write failed; put back to its last good revision config=main@sha1:" + goodConfig),
                    events.get(0).getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"embedded", "realkube"})
    void withoutALastGoodRevisionWhatWasWrittenStaysAndTheErrorSaysSo(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), objects("1"))) {
            try (var proxy = FaultProxy.inFrontOf(h.cluster(), tmp)) {
                proxy.on("PATCH", path(h.namespace(), FAILING)).after(1).status(500);
                var run = h.kustosWith(proxy.kubeconfig(), "apply");
                assertEquals(5, run.exit(), "a write that may pass: try again:\n" + run);
                assertTrue(run.out().contains("staging: FAILED (error)"), run.toString());
                assertTrue(run.all().contains("(gave up after 4 attempts)\nwhat was written of the revision before the failure stays, "
                        + "not put back: there is no last good revision to go back to"), "says what was left and why:\n" + run);
            }
            var history = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertNull(history.state().lastGood(), history.toString());
            assertEquals("failed", history.records().get(0).outcome().word(), history.toString());
            assertTrue(history.records().get(0).message().contains("not put back: there is no last good revision"), history.toString());
            var events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                    .filter(e -> e.getSource() != null && "kustos".equals(e.getSource().getComponent()) && e.getType().equals("Warning")).toList();
            assertEquals(1, events.size(), "one Event for the revision's outcome: " + events);
            assertEquals("WriteFailed", events.get(0).getReason());
            assertTrue(events.get(0).getMessage().contains("a write failed; not put back: "), events.get(0).getMessage());
        }
    }

    private static String path(String namespace, String name) {
        return "/api/v1/namespaces/" + namespace + "/configmaps/" + name;
    }

    /** How many objects the rollback put back, from the message ({@code (3 objects restored)}). */
    private static int restored(KustosRun run) {
        var m = Pattern.compile("\\((\\d+) objects? restored\\)").matcher(run.all());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
