package io.kustos.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The daemon tells Slack, a generic JSON webhook and GitHub commit statuses (all WireMock) what it
 * applied and what failed, with the change summary and never a Secret value; a receiver that
 * fails is retried. A hand edit the daemon undoes is notified as {@code driftCorrected}, naming the
 * objects and keys restored, never their values.
 */
class NotificationsReachReceiversIT {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String SECRETS = "environments/staging/app/secrets.yaml";
    private static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());

    @Test
    void appliedAndFailedRevisionsAreNotified(@TempDir Path tmp) throws Exception {
        WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of(CONFIG, configMap("app-config", "A", "1"),
                SECRETS, secret("app-secrets", "TOKEN", TOKEN)));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            wm.stubFor(post("/slack/T0/B0").willReturn(ok("ok")));
            wm.stubFor(post("/events").inScenario("flaky").whenScenarioStateIs(STARTED).willReturn(serverError())
                    .willSetStateTo("recovered"));
            wm.stubFor(post("/events").inScenario("flaky").whenScenarioStateIs("recovered").willReturn(ok()));
            wm.stubFor(post(urlPathMatching("/gh/repos/acme/(config|releases)/statuses/[0-9a-f]{40}")).willReturn(created()));
            Files.writeString(tmp.resolve("slack-url"), wm.baseUrl() + "/slack/T0/B0\n");
            Files.writeString(tmp.resolve("gh-token"), "ghp-test-token\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1 }
                    notifications:
                      slack: { webhookUrlFile: slack-url }
                      webhook: { url: "%s/events" }
                      github: { tokenFile: gh-token, apiUrl: "%s/gh", configRepo: acme/config, releasesRepo: acme/releases }
                      retries: 3
                      retryDelay: 50ms
                    """.formatted(wm.baseUrl(), wm.baseUrl()));
            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                DaemonHttp.await(Duration.ofSeconds(30), "the applied notifications", () ->
                        wm.findAll(postRequestedFor(urlEqualTo("/events"))).size() == 2
                                && wm.findAll(postRequestedFor(urlPathMatching("/gh/.*"))).size() == 2
                                && wm.findAll(postRequestedFor(urlEqualTo("/slack/T0/B0"))).size() == 1);
                String configSha = h.config().head();
                String releasesSha = h.releases().head();

                String slack = body(wm.findAll(postRequestedFor(urlEqualTo("/slack/T0/B0"))).get(0));
                assertTrue(slack.startsWith("{\"text\":\":white_check_mark: Kustos staging: applied config=main@" + configSha.substring(0, 7)), slack);
                assertTrue(slack.contains("secret/" + h.namespace() + "/app-secrets: created"), slack);

                LoggedRequest event = wm.findAll(postRequestedFor(urlEqualTo("/events"))).get(1); // the retry
                wm.verify(postRequestedFor(urlEqualTo("/events")).withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(matchingJsonPath("$.event", equalTo("applied")))
                        .withRequestBody(matchingJsonPath("$.environment", equalTo("staging")))
                        .withRequestBody(matchingJsonPath("$.revision.config", equalTo("main@sha1:" + configSha)))
                        .withRequestBody(matchingJsonPath("$.revision.releases", equalTo("main@sha1:" + releasesSha)))
                        .withRequestBody(matchingJsonPath("$.changes[0]", equalTo("configmap/" + h.namespace() + "/app-config: created"))));
                assertTrue(body(event).contains("\"changes\":["), body(event));

                wm.verify(postRequestedFor(urlEqualTo("/gh/repos/acme/config/statuses/" + configSha))
                        .withHeader("Authorization", equalTo("Bearer ghp-test-token"))
                        .withRequestBody(equalToJson("{\"state\":\"success\",\"context\":\"kustos/staging\",\"description\":\"applied to staging: 3 change(s)\"}")));
                wm.verify(postRequestedFor(urlEqualTo("/gh/repos/acme/releases/statuses/" + releasesSha)));

                // a bad revision: a failure, notified with its reason
                h.config().commit("bad", Map.of(CONFIG, "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"));
                daemon.trigger("test");
                DaemonHttp.await(Duration.ofSeconds(30), "the failed notifications", () ->
                        wm.findAll(postRequestedFor(urlEqualTo("/events")).withRequestBody(containing("\"failed\""))).size() == 1
                                && wm.findAll(postRequestedFor(urlPathMatching("/gh/.*")).withRequestBody(containing("\"failure\""))).size() == 2);
                String failed = body(wm.findAll(postRequestedFor(urlEqualTo("/events")).withRequestBody(containing("\"failed\""))).get(0));
                assertTrue(failed.contains("\"error\":\"invalid: "), failed);
                assertTrue(failed.contains(h.config().head()), failed);

                // a failed revision leaves the replica ready (its webhooks must reach it); /status says what failed
                var http = new DaemonHttp(daemon.port());
                var ready = http.get("/readyz");
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("staging: invalid: "), ready.body());
                var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get("/status").body());
                assertEquals("failed", status.at("/environments/staging/outcome").asText(), status.toString());
                assertTrue(status.at("/environments/staging/error").asText().startsWith("invalid: "), status.toString());
                assertEquals("main@sha1:" + h.config().head(), status.at("/environments/staging/revision/config").asText());
                assertTrue(http.get("/metrics").body().contains("kustos_reconcile_last_success{environment=\"staging\"} 0.0"));
            }
            List<LoggedRequest> all = wm.findAll(anyRequestedFor(anyUrl()));
            for (LoggedRequest r : all) {
                assertFalse(body(r).contains(TOKEN), "a Secret value reached a notification: " + body(r));
            }
        } finally {
            wm.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aDriftCorrectionIsNotifiedWithTheObjectsRestored(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(CONFIG, configMap("app-config", "A", "1"),
                SECRETS, secret("app-secrets", "TOKEN", TOKEN)));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            wm.stubFor(post("/events").willReturn(ok()));
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1 }
                    notifications:
                      webhook: { url: "%s/events" }
                      retryDelay: 50ms
                    """.formatted(wm.baseUrl()));
            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                DaemonHttp.await(Duration.ofSeconds(60), "the applied notification", () ->
                        wm.findAll(postRequestedFor(urlEqualTo("/events")).withRequestBody(containing("\"applied\""))).size() == 1);

                String byHand = "by-hand-" + Long.toHexString(System.nanoTime());
                var k8s = h.cluster().client();
                k8s.configMaps().inNamespace(h.namespace()).withName("app-config").edit(cm -> {
                    cm.getData().put("A", "by-hand");
                    return cm;
                });
                k8s.secrets().inNamespace(h.namespace()).withName("app-secrets").edit(s -> {
                    s.getData().put("TOKEN", java.util.Base64.getEncoder().encodeToString(byHand.getBytes()));
                    return s;
                });
                RequestPatternBuilder drift = postRequestedFor(urlEqualTo("/events")).withRequestBody(containing("\"driftCorrected\""));
                DaemonHttp.await(Duration.ofSeconds(60), "the driftCorrected notification", () -> {
                    daemon.trigger("test"); // the watch caches may see the edit a moment after a poll
                    return wm.findAll(drift).size() == 1;
                });
                String event = body(wm.findAll(drift).get(0));
                wm.verify(drift.withRequestBody(matchingJsonPath("$.environment", equalTo("staging")))
                        .withRequestBody(matchingJsonPath("$.revision.config", equalTo("main@sha1:" + h.config().head()))));
                assertTrue(event.contains("\"configmap/" + h.namespace() + "/app-config: changed A\""), event);
                assertTrue(event.contains("\"secret/" + h.namespace() + "/app-secrets: changed TOKEN\""), event);
                assertTrue(event.contains("drift corrected"), event);
                assertEquals("1", k8s.configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));
                for (LoggedRequest r : wm.findAll(anyRequestedFor(anyUrl()))) {
                    assertFalse(body(r).contains(TOKEN) || body(r).contains(byHand), "a Secret value reached a notification: " + body(r));
                }
            }
        } finally {
            wm.stop();
        }
    }

    private static String body(LoggedRequest r) {
        return r.getBodyAsString();
    }
}
