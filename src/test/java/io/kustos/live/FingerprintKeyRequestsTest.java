package io.kustos.live;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApplyException;
import io.kustos.live.LiveState;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The key of Secret fingerprints is created once, with 32 random bytes; when another Kustos made it
 * first, that one is read; when Kustos may not create it (or the one there is unusable) the target
 * fails, since nothing over Secret values is ever written unkeyed.
 */
@WireMockTest
class FingerprintKeyRequestsTest {
    private static final String SECRETS = "/api/v1/namespaces/staging/secrets";
    private static final ConfigValue PIN = ConfigValue.bytes("493817".getBytes());
    private KubernetesClient client;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl())
                .withRequestRetryBackoffLimit(0).withRequestTimeout(2000).build()).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void theFirstWriteCreatesARandomKeyAndUsesIt() {
        stubFor(post(SECRETS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"kustos-fingerprint-key\",\"namespace\":\"staging\"}}")));
        LiveState live = FingerprintKey.ensure(client, withASecret(), empty());

        assertTrue(live.fingerprints().keyed());
        var sent = findAll(postRequestedFor(urlEqualTo(SECRETS)));
        assertEquals(1, sent.size());
        var body = sent.get(0).getBodyAsString();
        assertTrue(body.contains("\"name\":\"kustos-fingerprint-key\"") && !body.contains("managed-by"), body);
        String encoded = body.replaceAll("(?s).*\"hmac-sha256\":\"([^\"]+)\".*", "$1");
        byte[] key = Base64.getDecoder().decode(encoded);
        assertEquals(32, key.length);
        assertEquals(SecretFingerprints.keyed(key).of("p", PIN), live.fingerprints().of("p", PIN), "it uses the key it stored");
    }

    @Test
    void aKeyAnotherKustosJustMadeIsReadAndUsed() {
        String theirs = Base64.getEncoder().encodeToString("their key, thirty-two bytes long".getBytes());
        stubFor(post(SECRETS).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"AlreadyExists\",\"code\":409}")));
        stubFor(get(urlPathEqualTo(SECRETS)).willReturn(okJson("{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":{},\"items\":["
                + "{\"metadata\":{\"name\":\"kustos-fingerprint-key\",\"namespace\":\"staging\"},\"data\":{\"hmac-sha256\":\"" + theirs + "\"}}]}")));

        LiveState live = FingerprintKey.ensure(client, withASecret(), empty());
        assertEquals(SecretFingerprints.keyed(Base64.getDecoder().decode(theirs)).of("p", PIN), live.fingerprints().of("p", PIN));
    }

    /** Nothing unkeyed over Secret values may be written, so without the key the target fails, saying which RBAC is missing. */
    @Test
    void withoutPermissionToCreateItTheTargetFailsAndNothingIsWritten() {
        stubFor(post(SECRETS).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}")));
        var e = assertThrows(ApplyException.class, () -> FingerprintKey.ensure(client, withASecret(), empty()));
        assertEquals("forbidden", e.kind());
        assertTrue(e.getMessage().contains("Secret staging/kustos-fingerprint-key") && e.getMessage().contains("`create` on secrets in namespace staging")
                && e.getMessage().contains("nothing was written"), e.getMessage());
        verify(1, anyRequestedFor(anyUrl()));
        verify(1, postRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void anUnusableKeyAnotherKustosMadeFailsTheTargetToo() {
        stubFor(post(SECRETS).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"AlreadyExists\",\"code\":409}")));
        stubFor(get(urlPathEqualTo(SECRETS)).willReturn(okJson("{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":{},\"items\":["
                + "{\"metadata\":{\"name\":\"kustos-fingerprint-key\",\"namespace\":\"staging\"},\"data\":{\"hmac-sha256\":\"c2hvcnQ=\"}}]}")));
        var e = assertThrows(ApplyException.class, () -> FingerprintKey.ensure(client, withASecret(), empty()));
        assertEquals("forbidden", e.kind());
        assertTrue(e.getMessage().contains("staging/kustos-fingerprint-key holds no usable key"), e.getMessage());
    }

    @Test
    void nothingIsCreatedWhenTheKeyIsThereOrNoSecretNeedsIt() {
        var keyed = empty().withFingerprints(SecretFingerprints.keyed(new byte[32]));
        assertSame(keyed, FingerprintKey.ensure(client, withASecret(), keyed));
        var noSecret = new DesiredState("staging", "staging", revisions(), List.of(), List.of(), List.of(), "sha256:x");
        assertFalse(FingerprintKey.ensure(client, noSecret, empty()).fingerprints().keyed());
        verify(0, postRequestedFor(anyUrl()));
    }

    private static LiveState empty() {
        return new LiveState(Map.of(), Map.of());
    }

    private static DesiredState withASecret() {
        var secret = new DesiredConfig(ObjectKey.secret("staging", "door"), "Opaque", new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of("PIN", PIN)), "config:s.yaml");
        return new DesiredState("staging", "staging", revisions(), List.of(secret), List.of(), List.of(), "sha256:x");
    }

    private static SourceRevisions revisions() {
        var commit = new CommitInfo("a".repeat(40), "Ada", "ada@example.com", Instant.EPOCH, "x");
        return new SourceRevisions(new Revision("main", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
    }
}
