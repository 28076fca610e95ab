package io.kustos.apply;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApplyException;
import io.kustos.diff.ConfigChange;
import io.kustos.live.LiveWorkload;
import io.kustos.diff.WorkloadChange;
import io.kustos.plan.ApplyConfig;
import io.kustos.plan.UpdateWorkload;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/** Pins the exact requests of a server-side apply, and what each API fault becomes. */
@WireMockTest
class ServerSideApplyRequestsTest {
    private static final String CM_PATH = "/api/v1/namespaces/staging/configmaps/app-config";
    private static final String SECRET_PATH = "/api/v1/namespaces/staging/secrets/app-secrets";
    private static final String DEPLOY_PATH = "/apis/apps/v1/namespaces/staging/deployments/app";
    private static final String OK_CM = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"app-config\",\"namespace\":\"staging\"}}";
    private KubernetesClient client;
    private SourceRevisions rev;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl())
                .withRequestRetryBackoffLimit(2).withRequestRetryBackoffInterval(10).withRequestTimeout(2000).build()).build();
        var commit = new CommitInfo("a".repeat(40), "Ada Lovelace", "ada@example.com", Instant.EPOCH, "x");
        rev = new SourceRevisions(new Revision("main", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    static ApplyConfig configStep() {
        var entries = new TreeMap<String, ConfigValue>(Map.of("LOG_LEVEL", ConfigValue.text("debug")));
        var d = new DesiredConfig(ObjectKey.configMap("staging", "app-config"), null,
                new TreeMap<>(Map.of("app.kubernetes.io/managed-by", "kustos", "kustos.io/environment", "staging")),
                new TreeMap<>(), entries, "config:x.yaml");
        return new ApplyConfig(new ConfigChange(d, null, List.of(), List.of()));
    }

    static ApplyConfig secretStep(String value) {
        var entries = new TreeMap<String, ConfigValue>(Map.of("TOKEN", ConfigValue.bytes(value.getBytes())));
        var d = new DesiredConfig(ObjectKey.secret("staging", "app-secrets"), "Opaque", new TreeMap<>(), new TreeMap<>(), entries, "config:s.yaml");
        return new ApplyConfig(new ConfigChange(d, null, List.of(), List.of()));
    }

    @Test
    void aConfigMapIsAppliedWithApplyPatchFieldManagerKustosAndNoForce() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson(OK_CM)));
        new ServerSideApplier(client, false).apply(configStep(), rev, false);

        verify(1, patchRequestedFor(urlPathEqualTo(CM_PATH))
                .withHeader("Content-Type", containing("application/apply-patch+yaml"))
                .withQueryParam("fieldManager", equalTo("kustos"))
                .withQueryParam("force", equalTo("false"))
                .withoutQueryParam("dryRun")
                .withRequestBody(equalToJson("""
                        {"apiVersion":"v1","kind":"ConfigMap",
                         "metadata":{"name":"app-config","namespace":"staging",
                           "labels":{"app.kubernetes.io/managed-by":"kustos","kustos.io/environment":"staging"},
                           "annotations":{"kustos.io/author":"Ada Lovelace <ada@example.com>",
                             "kustos.io/revision":"config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;releases=main@sha1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}},
                         "data":{"LOG_LEVEL":"debug"}}""")));
    }

    @Test
    void theAnswerIsNotParsedIntoAModel() {
        // Kustos uses nothing of a successful apply's answer (the object, managed fields and all); parsing it into a
        // fabric8 model cost ~6% of a cold apply's Java CPU (docs/benchmarks.md "Cold apply", session 14)
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":\"not an object\"}")));
        assertDoesNotThrow(() -> new ServerSideApplier(client, false).apply(configStep(), rev, false));
    }

    /** The API server's warnings (a deprecated API, an ignored field) as kubectl prints them: at WARN, so a short command shows them. */
    @Test
    void theApiServersWarningsAreLoggedOnceForTheDryRunAndTheWrite() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson(OK_CM).withHeader("Warning", "299 - \"unknown field \\\"data.x\\\"\"")));
        try (var logs = io.kustos.testsupport.LogCapture.start()) {
            var ssa = new ServerSideApplier(client, false);
            ssa.apply(configStep(), rev, true);
            ssa.apply(configStep(), rev, false);
            verify(2, patchRequestedFor(urlPathEqualTo(CM_PATH)));
            assertEquals(1, warnings(logs, CM_PATH).size(), logs.events().toString());
            assertTrue(warnings(logs, CM_PATH).get(0).contains("unknown field"), logs.events().toString());
        }
    }

    /** A warning is free text (an admission webhook's {@code warnings}) that may echo a Secret's value: scrubbed as an error is. */
    @Test
    void aSecretsValueInAWarningIsRedacted() {
        stubFor(patch(urlPathEqualTo(SECRET_PATH)).willReturn(okJson("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"app-secrets\"}}")
                .withHeader("Warning", "299 - \"policy: data[TOKEN] hunter2-secret (aHVudGVyMi1zZWNyZXQ=) looks weak\"")));
        try (var logs = io.kustos.testsupport.LogCapture.start()) {
            new ServerSideApplier(client, false).apply(secretStep("hunter2-secret"), rev, false);
            var logged = warnings(logs, SECRET_PATH);
            assertEquals(1, logged.size(), logs.events().toString());
            assertTrue(logged.get(0).contains("policy: data[TOKEN] [redacted] ([redacted]) looks weak"), logged.get(0));
        }
    }

    private static List<String> warnings(io.kustos.testsupport.LogCapture logs, String path) {
        return logs.events().stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).filter(m -> m.contains(path)).toList();
    }

    @Test
    void theDryRunAndTheWriteSendTheSameBodyAtTheUrlFabric8Built() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson(OK_CM)));
        var ssa = new ServerSideApplier(client, false);
        ssa.apply(configStep(), rev, true);
        ssa.apply(configStep(), rev, false);
        var sent = findAll(patchRequestedFor(urlPathEqualTo(CM_PATH)));
        assertEquals(sent.get(0).getBodyAsString(), sent.get(sent.size() - 1).getBodyAsString());
        assertTrue(sent.get(0).getUrl().endsWith("?fieldManager=kustos&dryRun=All&force=false"), sent.get(0).getUrl());
        assertTrue(sent.get(sent.size() - 1).getUrl().endsWith("?fieldManager=kustos&force=false"), sent.get(sent.size() - 1).getUrl());
    }

    @Test
    void theDryRunSendsDryRunAll() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson(OK_CM)));
        new ServerSideApplier(client, false).apply(configStep(), rev, true);
        verify(1, patchRequestedFor(urlPathEqualTo(CM_PATH)).withQueryParam("dryRun", equalTo("All")));
    }

    @Test
    void forceIsSentOnlyWhenConfigured() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson(OK_CM)));
        new ServerSideApplier(client, true).apply(configStep(), rev, false);
        verify(1, patchRequestedFor(urlPathEqualTo(CM_PATH)).withQueryParam("force", equalTo("true")));
    }

    @Test
    void aSecretIsSentAsBase64DataNeverStringData() {
        stubFor(patch(urlPathEqualTo(SECRET_PATH)).willReturn(okJson("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"app-secrets\"}}")));
        new ServerSideApplier(client, false).apply(secretStep("s3cret"), rev, false);
        verify(1, patchRequestedFor(urlPathEqualTo(SECRET_PATH))
                .withRequestBody(matchingJsonPath("$.data.TOKEN", equalTo("czNjcmV0")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("Opaque")))
                .withRequestBody(notContaining("stringData")));
    }

    @Test
    void aWorkloadUpdateSendsImagesAndConfigHashInOnePatchWithForce() {
        stubFor(patch(urlPathEqualTo(DEPLOY_PATH)).willReturn(okJson("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app\"}}")));
        var key = new ObjectKey("apps/v1", "Deployment", "staging", "app");
        var w = new DesiredWorkload(key, new TreeMap<>(Map.of("app", "r.example.com/app:2.0.0")), "releases:r.yaml");
        var step = new UpdateWorkload(new WorkloadChange(w, new LiveWorkload(key, new TreeMap<>(), new TreeMap<>(), null), new TreeMap<>(), null, "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"));
        new ServerSideApplier(client, false).apply(step, rev, false);
        verify(1, patchRequestedFor(urlPathEqualTo(DEPLOY_PATH))
                .withHeader("Content-Type", containing("application/apply-patch+yaml"))
                .withQueryParam("fieldManager", equalTo("kustos"))
                .withQueryParam("force", equalTo("true"))
                .withRequestBody(equalToJson("""
                        {"apiVersion":"apps/v1","kind":"Deployment",
                         "metadata":{"name":"app","namespace":"staging","annotations":{"kustos.io/author":"Ada Lovelace <ada@example.com>",
                           "kustos.io/revision":"config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;releases=main@sha1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}},
                         "spec":{"template":{"metadata":{"annotations":{"kustos.io/config-hash":"sha256:%s"}},
                           "spec":{"containers":[{"name":"app","image":"r.example.com/app:2.0.0"}]}}}}""".formatted("c".repeat(64)))));
    }

    @Test
    void aRefusedWorkloadNamesTheReleaseManifest() {
        stubFor(patch(urlPathEqualTo(DEPLOY_PATH)).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
                 "message":"Deployment.apps \\"app\\" is invalid: spec.template.spec.containers[0].image: Required value"}""")));
        var key = new ObjectKey("apps/v1", "Deployment", "staging", "app");
        var w = new DesiredWorkload(key, new TreeMap<>(Map.of("app", "r.example.com/app:2.0.0")), "releases:environments/staging/release.yaml");
        var step = new UpdateWorkload(new WorkloadChange(w, new LiveWorkload(key, new TreeMap<>(), new TreeMap<>(), null), new TreeMap<>(), null, "sha256:" + "c".repeat(64)));
        var e = assertThrows(ApplyException.class, () -> new ServerSideApplier(client, false).apply(step, rev, true));
        assertEquals("releases:environments/staging/release.yaml: deployment/staging/app: server-side dry run was rejected by the API server as invalid: "
                + "Deployment.apps \"app\" is invalid: spec.template.spec.containers[0].image: Required value", e.getMessage());
    }

    @Test
    void aConflictIsReportedNamingTheObjectAndNotForced() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
                 "message":"Apply failed with 1 conflict: conflict with \\"kubectl-edit\\" using v1: .data.LOG_LEVEL"}""")));
        var e = assertThrows(ApplyException.class, () -> new ServerSideApplier(client, false).apply(configStep(), rev, false));
        assertEquals(FailureReason.REFUSED_CONFLICT, e.reason());
        assertTrue(e.getMessage().startsWith("config:x.yaml: configmap/staging/app-config: apply conflicts with another field manager: "
                + "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.LOG_LEVEL"), e.getMessage());
        verify(1, patchRequestedFor(urlPathEqualTo(CM_PATH)));
    }

    @Test
    void anInvalidObjectIsReportedAndASecretValueInTheServerMessageIsRedacted() {
        stubFor(patch(urlPathEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
                 "message":"Secret \\"app-secrets\\" is invalid: data[TOKEN]: Invalid value: \\"hunter2-secret\\" (aHVudGVyMi1zZWNyZXQ=)"}""")));
        var e = assertThrows(ApplyException.class, () -> new ServerSideApplier(client, false).apply(secretStep("hunter2-secret"), rev, true));
        assertEquals(FailureReason.REFUSED_INVALID, e.reason());
        assertTrue(e.getMessage().startsWith("config:s.yaml: secret/staging/app-secrets: server-side dry run was rejected by the API server as invalid"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("aHVudGVyMi1zZWNyZXQ="), e.getMessage());
    }

    @Test
    void aSlowReplyTimesOutAsTransient() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(okJson(OK_CM).withFixedDelay(4000)));
        var once = new WriteRetry(1, java.time.Duration.ZERO, java.time.Duration.ZERO, d -> fail("no wait expected"));
        assertThrows(TransientException.class, () -> new ServerSideApplier(client, false, once).apply(configStep(), rev, false));
    }
}
