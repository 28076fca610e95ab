package io.kustos.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.failure.WaitingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** Each API fault becomes one failure reason; the word shown for it stays as before. */
class ApiFaultReasonsTest {

    @ParameterizedTest
    @CsvSource({
            "400, REFUSED_INVALID, invalid",
            "422, REFUSED_INVALID, invalid",
            "415, REFUSED_INVALID, invalid",
            "413, REFUSED_INVALID, invalid",
            "409, REFUSED_CONFLICT, conflict",
            "401, REFUSED_FORBIDDEN, forbidden",
            "403, REFUSED_FORBIDDEN, forbidden",
            "404, REFUSED_NOT_FOUND, not-found",
            "429, THROTTLED, waiting",
            "500, CLUSTER_UNREACHABLE, error",
            "0, CLUSTER_UNREACHABLE, error"})
    void aFaultHasItsReason(int code, FailureReason reason, String word) throws Exception {
        KustosException e = ApiErrors.classify(new KubernetesClientException("no", code, null), new URL("https://127.0.0.1:6443"),
                "config:environments/staging/app.yaml: ConfigMap staging/app", "apply", UnaryOperator.identity());
        assertEquals(reason, e.reason());
        assertEquals(word, e.kind());
        assertEquals(reason.refusedByServer(), e instanceof ApplyException, e.toString());
    }

    @Test
    void aThrottledRequestIsRetriedAfterFiveSeconds() throws Exception {
        var e = ApiErrors.classify(new KubernetesClientException("slow down", 429, null), new URL("https://127.0.0.1:6443"), "x", "apply", UnaryOperator.identity());
        assertEquals(Duration.ofSeconds(5), ((WaitingException) e).retryAfter());
    }

    @Test
    void aThrottledRequestIsRetriedAfterTheDelayTheServerAsksFor() throws Exception {
        var status = new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(429).withReason("TooManyRequests")
                .withNewDetails().withRetryAfterSeconds(12).endDetails().build();
        var e = ApiErrors.classify(new KubernetesClientException(status), new URL("https://127.0.0.1:6443"), "x", "apply", UnaryOperator.identity());
        assertEquals(Duration.ofSeconds(12), ((WaitingException) e).retryAfter());
    }

    @Test
    void anApplyExceptionOnlyTakesARefusal() {
        assertThrows(IllegalArgumentException.class, () -> new ApplyException("x", FailureReason.INVALID_INPUT));
    }
}
