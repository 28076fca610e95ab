package io.kustos.apply;

import io.kustos.failure.FailureReason;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApplyException;
import io.kustos.diff.ConfigChange;
import io.kustos.plan.ApplyConfig;
import io.kustos.plan.Plan;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The dry runs of a plan and the writes of a phase really are in flight together through the
 * fabric8 client (its HTTP client does not queue them): the server answers none of them until
 * {@code CONCURRENCY} are waiting, and never sees more. Refusals and failures are reported as when
 * the requests went one by one.
 */
class ParallelApplyRequestsTest {
    private static final int CONCURRENCY = 6;
    private static final String CMS = "/api/v1/namespaces/staging/configmaps/";

    /** Holds each request until CONCURRENCY are held; counts the most held at once. */
    static final class Gate implements ResponseDefinitionTransformerV2 {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        volatile CyclicBarrier barrier = new CyclicBarrier(CONCURRENCY);

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                // a guard against hanging, not a timing: one-by-one requests never fill the barrier
                barrier.await(20, TimeUnit.SECONDS);
                return event.getResponseDefinition();
            } catch (Exception e) {
                return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(500)
                        .withBody("{\"kind\":\"Status\",\"code\":500,\"message\":\"not " + CONCURRENCY + " requests at once\"}").build();
            } finally {
                now.decrementAndGet();
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "gate";
        }
    }

    static final Gate GATE = new Gate();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(CONCURRENCY * 3 + 10).extensions(GATE)).build();

    private KubernetesClient client;
    private SourceRevisions rev;

    @BeforeEach
    void setUp() {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.baseUrl())
                .withRequestRetryBackoffLimit(0).build()).build();
        var commit = new CommitInfo("a".repeat(40), "Ada Lovelace", "ada@example.com", Instant.EPOCH, "x");
        rev = new SourceRevisions(new Revision("main", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
        GATE.max.set(0);
        GATE.barrier = new CyclicBarrier(CONCURRENCY);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static ApplyConfig step(String name) {
        var d = new DesiredConfig(ObjectKey.configMap("staging", name), null, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of("K", ConfigValue.text("v"))), "config:" + name + ".yaml");
        return new ApplyConfig(new ConfigChange(d, null, List.of(), List.of()));
    }

    private static List<ApplyConfig> steps(int n) {
        return IntStream.range(0, n).mapToObj(i -> step("cm-" + i)).toList();
    }

    private Plan plan(int configs) {
        return new Plan("staging", rev, steps(configs), List.of(), List.of(), List.of());
    }

    private Applier applier() {
        return new Applier(new ServerSideApplier(client, false), new Pruner(client), CONCURRENCY);
    }

    private static String okFor(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"staging\"}}";
    }

    @Test
    void theDryRunsOfAPlanAreInFlightTogether() {
        wm.stubFor(patch(urlPathMatching(CMS + ".*")).willReturn(okJson(okFor("x")).withTransformers("gate")));
        var plan = plan(CONCURRENCY * 4);
        applier().dryRun(plan);
        wm.verify(CONCURRENCY * 4, patchRequestedFor(urlPathMatching(CMS + ".*")).withQueryParam("dryRun", equalTo("All")));
        assertEquals(CONCURRENCY, GATE.max.get());
    }

    @Test
    void theWritesOfAPhaseAreInFlightTogether() {
        wm.stubFor(patch(urlPathMatching(CMS + ".*")).willReturn(okJson(okFor("x")).withTransformers("gate")));
        applier().writeConfigs(steps(CONCURRENCY * 3), rev);
        wm.verify(CONCURRENCY * 3, patchRequestedFor(urlPathMatching(CMS + ".*")).withoutQueryParam("dryRun"));
        IntStream.range(0, CONCURRENCY * 3).forEach(i -> wm.verify(1, patchRequestedFor(urlPathEqualTo(CMS + "cm-" + i))));
        assertEquals(CONCURRENCY, GATE.max.get());
    }

    @Test
    void refusedDryRunsAreReportedTogetherInPlanOrder() {
        wm.stubFor(patch(urlPathMatching(CMS + ".*")).willReturn(okJson(okFor("x"))));
        for (String name : List.of("cm-17", "cm-4")) {
            wm.stubFor(patch(urlPathEqualTo(CMS + name)).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                    .withBody("{\"kind\":\"Status\",\"code\":422,\"reason\":\"Invalid\",\"message\":\"ConfigMap \\\"" + name + "\\\" is invalid\"}")));
        }
        var e = assertThrows(ApplyException.class, () -> applier().dryRun(plan(24)));
        assertEquals("""
                2 objects were refused in the server-side dry run; nothing was written:
                  config:cm-4.yaml: configmap/staging/cm-4: server-side dry run was rejected by the API server as invalid: ConfigMap "cm-4" is invalid
                  config:cm-17.yaml: configmap/staging/cm-17: server-side dry run was rejected by the API server as invalid: ConfigMap "cm-17" is invalid""",
                e.getMessage());
        assertEquals(FailureReason.REFUSED_INVALID, e.reason());
        wm.verify(0, patchRequestedFor(urlPathMatching(CMS + ".*")).withoutQueryParam("dryRun"));
    }

    @Test
    void aFailedWriteIsReportedAsBefore() {
        wm.stubFor(patch(urlPathMatching(CMS + ".*")).willReturn(okJson(okFor("x"))));
        wm.stubFor(patch(urlPathEqualTo(CMS + "cm-5")).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\",\"message\":\"Apply failed with 1 conflict: conflict with \\\"kubectl-edit\\\": .data.K\"}")));
        var e = assertThrows(ApplyException.class, () -> applier().writeConfigs(steps(200), rev));
        assertEquals(FailureReason.REFUSED_CONFLICT, e.reason());
        assertTrue(e.getMessage().startsWith("config:cm-5.yaml: configmap/staging/cm-5: apply conflicts with another field manager: Apply failed with 1 conflict"),
                e.getMessage());
        IntStream.rangeClosed(0, 5).forEach(i -> wm.verify(1, patchRequestedFor(urlPathEqualTo(CMS + "cm-" + i))));
    }
}
