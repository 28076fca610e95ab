package io.kustos.apply;

import io.kustos.failure.FailureReason;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApplyException;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/** Pins a prune: a dry-run DELETE, then a DELETE that holds only for the resourceVersion Kustos read. */
@WireMockTest
class PruneRequestsTest {
    private static final String CM = "/api/v1/namespaces/staging/configmaps/old-config";

    @Test
    void theDeleteIsConditionalOnWhatWasRead(WireMockRuntimeInfo wm) {
        stubFor(delete(urlPathEqualTo(CM)).willReturn(okJson("{\"kind\":\"Status\",\"status\":\"Success\"}")));
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).build()).build()) {
            var pruner = new Pruner(client);
            pruner.delete(ObjectKey.configMap("staging", "old-config"), "4711", true);
            pruner.delete(ObjectKey.configMap("staging", "old-config"), "4711", false);
        }
        verify(1, deleteRequestedFor(urlPathEqualTo(CM)).withQueryParam("dryRun", equalTo("All")));
        verify(1, deleteRequestedFor(urlPathEqualTo(CM)).withoutQueryParam("dryRun")
                .withRequestBody(matchingJsonPath("$.preconditions.resourceVersion", equalTo("4711"))));
    }

    @Test
    void aChangedObjectIsNotDeletedAndTheConflictIsReported(WireMockRuntimeInfo wm) {
        stubFor(delete(urlPathEqualTo(CM)).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","status":"Failure","reason":"Conflict","code":409,
                 "message":"Operation cannot be fulfilled on configmaps \\"old-config\\": the ResourceVersion in the precondition (4711) does not match"}""")));
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl())
                .withRequestRetryBackoffLimit(0).build()).build()) {
            var e = assertThrows(ApplyException.class, () -> new Pruner(client).delete(ObjectKey.configMap("staging", "old-config"), "4711", false));
            assertEquals(FailureReason.REFUSED_CONFLICT, e.reason());
            assertTrue(e.getMessage().startsWith("configmap/staging/old-config: prune "), e.getMessage());
        }
    }
}
