package io.kustos.rollout;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApplyException;
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

    private static final String APP_ANSWER = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app\"}}";

    /** The Job is not there, is created by its apply, has succeeded when next read, and is deleted. */
    private static void aJobThatSucceeds() {
        stubFor(get(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(404).withBody("{\"kind\":\"Status\",\"code\":404}")));
        stubFor(patch(urlPathEqualTo(JOB)).inScenario("job").willReturn(okJson("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"x\"}}"))
                .willSetStateTo("created"));
        stubFor(get(urlPathEqualTo(JOB)).inScenario("job").whenScenarioStateIs("created").willReturn(okJson("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"app-db-migrate-0123456789","namespace":"staging","uid":"u1"},
                 "status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}}""")));
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
