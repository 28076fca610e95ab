package io.kustos.reconcile;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.kustos.history.HistoryStore;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15, point 1: a write that still fails in the write phase, after other objects of the
 * revision were written, no longer leaves the revision half written. Kustos talks to the cluster
 * through a proxy (WireMock, {@code proxiedFrom} the API server) that fails the write of one
 * ConfigMap of twelve — five hundreds until Kustos gives up, or one refusal — and passes every
 * other request, the rollback's included. The environment ends at its last good revision, with a
 * {@code rolled-back} history record and a {@code RolledBack} Event saying a write failed and
 * where the environment was put back, and the exit code of the write's failure.
 */
class HalfWrittenRevisionIsPutBackIT {
    private static final int OBJECTS = 12;
    private static final String FAILING = "c-07";

    static Stream<Arguments> faults() {
        var cases = Stream.<Object[]>of(
                new Object[]{"a server error after every retry", 5, 4, "apply failed (HTTP 500): etcdserver: leader changed (gave up after 4 attempts)"},
                new Object[]{"a write refused by the API server", 4, 1, "apply was forbidden by the API server"}).toList();
        return Stream.of("embedded", "realkube").flatMap(c -> cases.stream().map(a -> Arguments.of(c, a[0], a[1], a[2], a[3])));
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
    void theEnvironmentIsPutBackToItsLastGoodRevision(String clusterName, String what, int exit, int faults, String says, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), objects("1"))) {
            var good = h.kustos("apply");
            assertEquals(0, good.exit(), good.toString());
            String goodConfig = h.config().head();
            h.config().commit("A=2 in every ConfigMap", objects("2"));

            var proxy = proxy(h, faults, exit == 5 ? serverError() : forbidden(h.namespace()));
            try {
                var run = h.kustosWith(kubeconfig(h, proxy, tmp), "apply");
                assertEquals(exit, run.exit(), "the exit code of the write's failure (" + what + "):\n" + run);
                assertTrue(run.out().contains("staging: FAILED ("), run.toString());
                assertTrue(run.out().contains("rolled back to config=main@sha1:" + goodConfig), "says where it was put back:\n" + run);
                assertTrue(run.all().contains("configmap/" + h.namespace() + "/" + FAILING + ": " + says), "names the object and the fault:\n" + run);
                assertTrue(run.all().contains("the environment was put back to its last good revision config=main@sha1:" + goodConfig),
                        "says what happened to the environment:\n" + run);
                int restored = restored(run);
                assertTrue(restored >= 1, "some objects of the revision had been written before the failure, and were put back:\n" + run);
                assertEquals(faults, proxy.findAll(patchRequestedFor(urlPathEqualTo(path(h.namespace(), FAILING)))
                        .withoutQueryParam("dryRun")).size(), "the failing write was sent " + faults + " times (it never changed: the rollback had nothing to put back there)");
            } finally {
                proxy.stop();
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
            var proxy = proxy(h, 4, serverError());
            try {
                var run = h.kustosWith(kubeconfig(h, proxy, tmp), "apply");
                assertEquals(5, run.exit(), "a write that may pass: try again:\n" + run);
                assertTrue(run.out().contains("staging: FAILED (error)"), run.toString());
                assertTrue(run.all().contains("(gave up after 4 attempts)\nwhat was written of the revision before the failure stays, "
                        + "not put back: there is no last good revision to go back to"), "says what was left and why:\n" + run);
            } finally {
                proxy.stop();
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

    private static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"etcdserver: leader changed\",\"code\":500}");
    }

    private static ResponseDefinitionBuilder forbidden(String namespace) {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody(("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                        + "\"message\":\"configmaps \\\"%s\\\" is forbidden: User \\\"kustos\\\" cannot patch resource \\\"configmaps\\\" in namespace \\\"%s\\\"\"}")
                        .formatted(FAILING, namespace));
    }

    /**
     * A proxy to the cluster that answers {@code fault} to the first {@code faults} writes (not dry
     * runs) of ConfigMap {@value #FAILING} and passes everything else, later writes of it included.
     */
    private static WireMockServer proxy(KustosHarness h, int faults, ResponseDefinitionBuilder fault) {
        var proxy = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").trustAllProxyTargets(true));
        proxy.start();
        String target = h.cluster().client().getMasterUrl().toString().replaceAll("/$", "");
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(target)));
        for (int i = 0; i < faults; i++) {
            proxy.stubFor(patch(urlPathEqualTo(path(h.namespace(), FAILING))).withQueryParam("dryRun", absent()).atPriority(1)
                    .inScenario("fault").whenScenarioStateIs(i == 0 ? "Started" : "fault-" + i)
                    .willReturn(fault).willSetStateTo(i == faults - 1 ? "passed" : "fault-" + (i + 1)));
        }
        return proxy;
    }

    /** A kubeconfig for the proxy, with the cluster's token (the proxy passes it on). */
    private static Path kubeconfig(KustosHarness h, WireMockServer proxy, Path tmp) {
        var config = h.cluster().client().getConfiguration();
        String token = config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken(); // a kubeconfig's token is the latter
        Path file = tmp.resolve("proxy.kubeconfig");
        try {
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: proxy, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: proxy, user: {token: "%s"}}]
                    contexts: [{name: proxy, context: {cluster: proxy, user: proxy}}]
                    current-context: proxy
                    """.formatted(proxy.port(), token));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** How many objects the rollback put back, from the message ({@code (3 objects restored)}). */
    private static int restored(KustosRun run) {
        var m = Pattern.compile("\\((\\d+) objects? restored\\)").matcher(run.all());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
