package io.kustos.rollout;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.apply.WriteRetry;
import io.kustos.cluster.ApplyException;
import io.kustos.failure.TransientException;
import io.kustos.failure.FailureReason;
import io.kustos.live.LiveWorkload;
import io.kustos.diff.WorkloadChange;
import io.kustos.plan.RunHook;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import io.kustos.render.PreDeployHook;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Pins the requests of a pre-deploy hook: one server-side apply of the Job, reads until it
 * completes, then the success recorded on the workload and the Job deleted with its pods.
 */
@WireMockTest
class HookJobRequestsTest {
    private static final String JOB = "/apis/batch/v1/namespaces/staging/jobs/app-db-migrate-0123456789";
    private static final String APP = "/apis/apps/v1/namespaces/staging/deployments/app";

    @Test
    void theJobIsAppliedOnceFromTheNewPodTemplateAndWaitedFor(WireMockRuntimeInfo wm) {
        aJobThatSucceeds();
        stubFor(patch(urlPathEqualTo(APP)).willReturn(okJson(APP_ANSWER)));
        assertEquals("succeeded", run(wm));
        verify(1, patchRequestedFor(urlPathEqualTo(JOB))
                .withHeader("Content-Type", containing("application/apply-patch+yaml"))
                .withQueryParam("fieldManager", equalTo("kustos"))
                .withQueryParam("force", equalTo("false"))
                .withRequestBody(matchingJsonPath("$.spec.backoffLimit", equalTo("0")))
                .withRequestBody(matchingJsonPath("$.spec.activeDeadlineSeconds", equalTo("600")))
                .withRequestBody(matchingJsonPath("$.spec.template.spec.restartPolicy", equalTo("Never")))
                .withRequestBody(matchingJsonPath("$.spec.template.spec.containers.length()", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.spec.template.spec.containers[0].image", equalTo("r.example.com/app:2.0.0")))
                .withRequestBody(matchingJsonPath("$.spec.template.spec.containers[0].command", equalToJson("[\"rake\",\"db:migrate\"]")))
                .withRequestBody(matchingJsonPath("$.spec.template.spec.containers[0].envFrom[0].configMapRef.name", equalTo("app-config")))
                .withRequestBody(matchingJsonPath("$.spec.template.metadata.annotations['kustos.io/config-hash']", equalTo("sha256:" + "d".repeat(64))))
                .withRequestBody(notContaining("readinessProbe"))
                .withRequestBody(notContaining("\"args\""))
                .withRequestBody(notMatching(".*\"labels\":\\{\"app\":\"app\"\\}.*")));
        verify(1, patchRequestedFor(urlPathEqualTo(APP))
                .withHeader("Content-Type", containing("application/apply-patch+yaml"))
                .withQueryParam("fieldManager", equalTo("kustos-hooks"))
                .withQueryParam("force", equalTo("true"))
                .withRequestBody(equalToJson("""
                        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"app","namespace":"staging",
                         "annotations":{"kustos.io/hooks-succeeded":"app-db-migrate-9999999999,app-db-migrate-0123456789"}}}""")));
        verify(1, deleteRequestedFor(urlPathEqualTo(JOB)).withRequestBody(matchingJsonPath("$.propagationPolicy", equalTo("Background"))));
    }

    /** The record is written as Kustos's other writes are (ServerSideApplier): an answer that breaks off is sent again. */
    @Test
    void aRecordWhoseAnswerBreaksOffIsSentAgain(WireMockRuntimeInfo wm) {
        aJobThatSucceeds();
        stubFor(patch(urlPathEqualTo(APP)).inScenario("record").whenScenarioStateIs("Started")
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("ok"));
        stubFor(patch(urlPathEqualTo(APP)).inScenario("record").whenScenarioStateIs("ok").willReturn(okJson(APP_ANSWER)));

        assertEquals("succeeded", run(wm));
        verify(2, patchRequestedFor(urlPathEqualTo(APP)).withQueryParam("fieldManager", equalTo("kustos-hooks")));
    }

    /** ... and a refusal is the API server's, said as it said it, and not sent again. */
    @Test
    void aRefusedRecordIsNotSentAgainAndSaysWhatTheServerSaid(WireMockRuntimeInfo wm) {
        aJobThatSucceeds();
        stubFor(patch(urlPathEqualTo(APP)).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                 "message":"deployments.apps \\"app\\" is forbidden: User \\"kustos\\" cannot patch resource"}""")));

        var e = assertThrows(ApplyException.class, () -> run(wm));
        assertEquals(FailureReason.REFUSED_FORBIDDEN, e.reason());
        assertTrue(e.getMessage().startsWith("deployment/staging/app: the record that hook db-migrate succeeded (job app-db-migrate-0123456789): apply "),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot patch resource"), e.getMessage());
        verify(1, patchRequestedFor(urlPathEqualTo(APP)));
    }

    /** The Job is applied as Kustos's other writes are (ServerSideApplier): an answer that breaks off is sent again. */
    @Test
    void aJobWhoseApplyAnswerBreaksOffIsSentAgain(WireMockRuntimeInfo wm) {
        stubFor(get(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("Started")
                .willReturn(NOT_FOUND));
        stubFor(patch(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("Started")
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("sent once"));
        stubFor(patch(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("sent once")
                .willReturn(okJson("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"x\"}}")).willSetStateTo("created"));
        stubFor(get(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("created").willReturn(okJson(SUCCEEDED_JOB)));
        stubFor(delete(urlPathEqualTo(JOB)).willReturn(okJson("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}")));
        stubFor(patch(urlPathEqualTo(APP)).willReturn(okJson(APP_ANSWER)));

        assertEquals("succeeded", run(wm));
        verify(2, patchRequestedFor(urlPathEqualTo(JOB)).withQueryParam("fieldManager", equalTo("kustos")).withQueryParam("force", equalTo("false")));
    }

    /** ... a server that keeps failing is a failure that may pass (exit 5, try again), not a failed hook (held until a new commit) ... */
    @Test
    void aJobApplyThatKeepsFailingOnTheServerIsATransientFailureNotAFailedHook(WireMockRuntimeInfo wm) {
        stubFor(get(urlPathEqualTo(JOB)).willReturn(NOT_FOUND));
        stubFor(patch(urlPathEqualTo(JOB)).willReturn(status(500, "InternalError", "etcdserver: request timed out")));

        var e = assertThrows(TransientException.class, () -> run(wm));
        assertEquals(FailureReason.CLUSTER_UNREACHABLE, e.reason());
        assertTrue(e.getMessage().startsWith("hook db-migrate (job app-db-migrate-0123456789): apply failed (HTTP 500): etcdserver: request timed out"),
                e.getMessage());
        verify(WriteRetry.ATTEMPTS, patchRequestedFor(urlPathEqualTo(JOB)));
    }

    /** ... and a refusal fails the hook, saying what the API server said, and is not sent again. */
    @Test
    void aRefusedJobFailsTheHookAndIsNotSentAgain(WireMockRuntimeInfo wm) {
        stubFor(get(urlPathEqualTo(JOB)).willReturn(NOT_FOUND));
        stubFor(patch(urlPathEqualTo(JOB)).willReturn(status(422, "Invalid", "Job.batch \\\"app-db-migrate-0123456789\\\" is invalid: spec.template")));

        var e = assertThrows(RolloutFailedException.class, () -> run(wm));
        assertEquals(FailureReason.HOOK_FAILED, e.reason());
        assertTrue(e.getMessage().contains(": hook db-migrate (job app-db-migrate-0123456789): apply was rejected by the API server as invalid: "
                + "Job.batch \"app-db-migrate-0123456789\" is invalid: spec.template"), e.getMessage());
        verify(1, patchRequestedFor(urlPathEqualTo(JOB)));
    }

    private static ResponseDefinitionBuilder status(int code, String reason, String message) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"%s","code":%d,"message":"%s"}""".formatted(reason, code, message));
    }

    private static final ResponseDefinitionBuilder NOT_FOUND = aResponse().withStatus(404).withBody("{\"kind\":\"Status\",\"code\":404}");

    private static final String SUCCEEDED_JOB = """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"app-db-migrate-0123456789","namespace":"staging","uid":"u1"},
             "status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}}""";

    private static final String APP_ANSWER = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app\"}}";

    /** The Job is not there, is created by its apply, has succeeded when next read, and is deleted. */
    private static void aJobThatSucceeds() {
        stubFor(get(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("Started")
                .willReturn(NOT_FOUND));
        stubFor(patch(urlPathEqualTo(JOB)).inScenario("job").willReturn(okJson("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"x\"}}"))
                .willSetStateTo("created"));
        stubFor(get(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("created").willReturn(okJson(SUCCEEDED_JOB)));
        stubFor(delete(urlPathEqualTo(JOB)).willReturn(okJson("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}")));
    }

    /** Runs the hook db-migrate of Deployment staging/app, which recorded another Job before. */
    private static String run(WireMockRuntimeInfo wm) {
        var key = new ObjectKey("apps/v1", "Deployment", "staging", "app");
        var template = new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "app").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("r.example.com/app:1.0.0").withArgs("serve")
                .addNewEnvFrom().withNewConfigMapRef().withName("app-config").endConfigMapRef().endEnvFrom()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet().endReadinessProbe()
                .endContainer().addNewContainer().withName("sidecar").withImage("r.example.com/proxy:1").endContainer().endSpec().build();
        var change = new WorkloadChange(new DesiredWorkload(key, new TreeMap<>(Map.of("app", "r.example.com/app:2.0.0")), "r"),
                new LiveWorkload(key, new TreeMap<>(Map.of("app", "r.example.com/app:1.0.0")),
                        new TreeMap<>(Map.of("kustos.io/hooks-succeeded", "app-db-migrate-9999999999")), template),
                new TreeMap<>(Map.of("app", "r.example.com/app:1.0.0")), null, "sha256:" + "d".repeat(64));
        var step = new RunHook(new PreDeployHook("db-migrate", "app", List.of("rake", "db:migrate"), Duration.ofMinutes(10)),
                change, "app-db-migrate-0123456789");
        var commit = new CommitInfo("a".repeat(40), "Ada", "ada@example.com", Instant.EPOCH, "x");
        var rev = new SourceRevisions(new Revision("main", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).build()).build()) {
            return new HookRunner(client, Duration.ofMillis(10), Clock.systemUTC(), s -> s).run(step, rev);
        }
    }
}
