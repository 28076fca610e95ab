package io.kustos.history;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A revision's outcome is one Event on the target's kustos-history ConfigMap, however many objects
 * it changed; its message lists them, cut short with "and N more" under 1,000 characters.
 */
@WireMockTest
class OneEventPerRevisionTest {

    @Test
    void theEventIsAboutTheHistoryConfigMapOfTheTarget(WireMockRuntimeInfo wm) {
        stubFor(post(urlPathEqualTo("/api/v1/namespaces/staging/events")).willReturn(okJson("{\"kind\":\"Event\",\"apiVersion\":\"v1\"}")));
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).build()).build()) {
            new EventRecorder(client).record("staging", "Applied", "config=main@sha1:aaa;releases=main@sha1:bbb",
                    List.of("ConfigMap/app-config (keys: LOG_LEVEL changed)", "Deployment/app restarted"), false);
        }
        verify(1, postRequestedFor(urlPathEqualTo("/api/v1/namespaces/staging/events"))
                .withRequestBody(matchingJsonPath("$.involvedObject.kind", equalTo("ConfigMap")))
                .withRequestBody(matchingJsonPath("$.involvedObject.name", equalTo("kustos-history")))
                .withRequestBody(matchingJsonPath("$.involvedObject.namespace", equalTo("staging")))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("Applied")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("Normal")))
                .withRequestBody(matchingJsonPath("$.message", equalTo(
                        "config=main@sha1:aaa;releases=main@sha1:bbb: ConfigMap/app-config (keys: LOG_LEVEL changed), Deployment/app restarted"))));
    }

    @Test
    void theEventNamesTheUidOfTheHistoryConfigMapAsKubectlDescribeSelectsIt(WireMockRuntimeInfo wm) {
        stubFor(get(urlPathEqualTo("/api/v1/namespaces/staging/configmaps/kustos-history")).willReturn(okJson(
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"kustos-history\",\"namespace\":\"staging\","
                        + "\"uid\":\"0b3e6c1a-6f2d-4c1e-9a53-3f1d2c4b5a69\",\"resourceVersion\":\"42\"}}")));
        stubFor(post(urlPathEqualTo("/api/v1/namespaces/staging/events")).willReturn(okJson("{\"kind\":\"Event\",\"apiVersion\":\"v1\"}")));
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).build()).build()) {
            new EventRecorder(client).record("staging", "Applied", "rev", List.of(), false);
        }
        verify(1, postRequestedFor(urlPathEqualTo("/api/v1/namespaces/staging/events"))
                .withRequestBody(matchingJsonPath("$.involvedObject.uid", equalTo("0b3e6c1a-6f2d-4c1e-9a53-3f1d2c4b5a69")))
                .withRequestBody(matchingJsonPath("$.involvedObject.apiVersion", equalTo("v1")))
                .withRequestBody(matchingJsonPath("$.involvedObject.kind", equalTo("ConfigMap")))
                .withRequestBody(matchingJsonPath("$.involvedObject.name", equalTo("kustos-history")))
                .withRequestBody(matchingJsonPath("$.involvedObject.namespace", equalTo("staging"))));
    }

    @Test
    void theEventNamesTheReplicaThatRecordedIt(WireMockRuntimeInfo wm) {
        stubFor(post(urlPathEqualTo("/api/v1/namespaces/staging/events")).willReturn(okJson("{\"kind\":\"Event\",\"apiVersion\":\"v1\"}")));
        String longName = "kustos run " + "k".repeat(200) + " pid 1";
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).build()).build()) {
            new EventRecorder(client, () -> "kustos run kustos-7d9f pid 1").record("staging", "Applied", "rev", List.of(), false);
            new EventRecorder(client, () -> longName).record("staging", "Applied", "rev2", List.of(), false);
        }
        verify(1, postRequestedFor(urlPathEqualTo("/api/v1/namespaces/staging/events"))
                .withRequestBody(matchingJsonPath("$.reportingComponent", equalTo("kustos")))
                .withRequestBody(matchingJsonPath("$.reportingInstance", equalTo("kustos run kustos-7d9f pid 1"))));
        verify(1, postRequestedFor(urlPathEqualTo("/api/v1/namespaces/staging/events"))
                .withRequestBody(matchingJsonPath("$.message", equalTo("rev2")))
                .withRequestBody(matchingJsonPath("$.reportingInstance", equalTo(longName.substring(0, EventRecorder.MAX_INSTANCE)))));
    }

    @Test
    void aFailureToRecordIsNotAFailureOfTheRevision(WireMockRuntimeInfo wm) {
        stubFor(post(urlPathEqualTo("/api/v1/namespaces/staging/events")).willReturn(aResponse().withStatus(403)));
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).build()).build()) {
            assertDoesNotThrow(() -> new EventRecorder(client).record("staging", "RolloutFailed", "x", List.of(), true));
        }
    }

    @Test
    void aLongListIsCutWithAndNMoreUnderTheLimit() {
        List<String> changes = IntStream.range(0, 1200).mapToObj(i -> String.format("ConfigMap/svc-%04d created", i)).toList();
        String m = EventRecorder.message("config=main@sha1:" + "a".repeat(40) + ";releases=main@sha1:" + "b".repeat(40), changes);
        assertTrue(m.length() < EventRecorder.MAX_MESSAGE, m.length() + ": " + m);
        var listed = m.split(": ", 2)[1];
        int shown = listed.split(", ").length;
        assertTrue(m.endsWith(", ConfigMap/svc-" + String.format("%04d", shown - 1) + " created and " + (1200 - shown) + " more"), m);
    }

    @Test
    void everythingIsListedWhenItFits() {
        assertEquals("rev: A, B, C", EventRecorder.message("rev", List.of("A", "B", "C")));
        assertEquals("rev", EventRecorder.message("rev", List.of()));
    }

    @Test
    void aLongErrorAndALongChangeAreCutButTheFirstChangeIsAlwaysThere() {
        String m = EventRecorder.message("x".repeat(5000), List.of("ConfigMap/c (keys: " + "K, ".repeat(400) + ")", "Deployment/app restarted"));
        assertTrue(m.length() < EventRecorder.MAX_MESSAGE, String.valueOf(m.length()));
        assertTrue(m.startsWith("x".repeat(599) + "…: ConfigMap/c (keys: K, K"), m);
        assertTrue(m.endsWith("K, K…, Deployment/app restarted"), m);
    }

    @Test
    void aMultiLineErrorIsOneLineSoKubectlGetEventsKeepsOneRowPerEvent() {
        String m = EventRecorder.message("InvalidRevision config=main@sha1:abc:\n  apps/a/values.yaml: bad key\r\n\n  apps/b/values.yaml: bad key\n",
                List.of("ConfigMap/c\nchanged"));
        assertEquals("InvalidRevision config=main@sha1:abc:; apps/a/values.yaml: bad key; apps/b/values.yaml: bad key: ConfigMap/c; changed", m);
    }
}
