package io.kustos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The fault proxy itself, in front of the embedded API server (plain http) and of a TLS server
 * standing in for the real one: each fault kind, the per-rule counts, a watch streamed through
 * and dropped, TLS on both sides with the token passed through.
 */
class FaultProxyTest {
    private static final String NS = "default";
    private static final String CM = "/api/v1/namespaces/default/configmaps/web-7";

    @TempDir
    Path tmp;
    private EmbeddedCluster cluster;
    private FaultProxy proxy;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.start(0);
        Path upstream = tmp.resolve("upstream.kubeconfig");
        cluster.writeKubeconfig(upstream);
        cluster.client().configMaps().inNamespace(NS).resource(configMap("web-7", "1")).create();
        proxy = FaultProxy.inFrontOf(upstream, tmp);
        client = clientOf(proxy.kubeconfig());
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
        cluster.close();
    }

    /** A client that does not retry, so that each fault reaches the test. */
    static KubernetesClient clientOf(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            config.setRequestRetryBackoffLimit(0);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("A", value).build();
    }

    private String webSeven() {
        return client.configMaps().inNamespace(NS).withName("web-7").get().getData().get("A");
    }

    @Test
    void passesRequestsAndBodiesThroughAndListsThem() {
        assertTrue(proxy.url().toString().startsWith("http://127.0.0.1:"), proxy.url().toString());
        client.configMaps().inNamespace(NS).resource(configMap("web-8", "2")).create();
        assertEquals("2", cluster.client().configMaps().inNamespace(NS).withName("web-8").get().getData().get("A"), "the POST body reached the server");
        assertEquals("1", webSeven());
        assertEquals(1, proxy.count("POST", "/api/v1/namespaces/default/configmaps.*"), proxy.requests().toString());
        assertEquals(1, proxy.count("GET", CM), proxy.requests().toString());
    }

    @Test
    void theNthMatchingRequestGetsA500WithAStatusBody() {
        FaultRule rule = proxy.on("GET", CM).nth(2).status(500);
        assertEquals("1", webSeven());
        var e = assertThrows(KubernetesClientException.class, this::webSeven);
        assertEquals(500, e.getCode(), e.toString());
        assertEquals("InternalError", e.getStatus().getReason(), e.toString());
        assertEquals("1", webSeven(), "only the 2nd is faulted");
        assertEquals(3, rule.matched());
        assertEquals(1, rule.faulted());
        client.configMaps().inNamespace(NS).list();
        assertEquals(3, rule.matched(), "a list does not match the rule's path");
    }

    @Test
    void everyRequestAfterNGets503UntilStopped() {
        FaultRule rule = proxy.on("GET", CM).after(1).status(503);
        assertEquals("1", webSeven());
        for (int i = 0; i < 2; i++) {
            assertEquals(503, assertThrows(KubernetesClientException.class, this::webSeven).getCode());
        }
        rule.stop();
        assertEquals("1", webSeven(), "a stopped rule faults nothing");
        assertEquals(4, rule.matched());
        assertEquals(2, rule.faulted());
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInTheHeaderAndTheStatus() throws Exception {
        FaultRule rule = proxy.on("*", "/api/v1/namespaces/[^/]+/configmaps.*").first(1).tooManyRequests(7);
        HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(proxy.url().resolve(CM)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, resp.statusCode());
        assertEquals("7", resp.headers().firstValue("Retry-After").orElse(null));
        JsonNode status = new ObjectMapper().readTree(resp.body());
        assertEquals("Status", status.path("kind").asText(), resp.body());
        assertEquals("TooManyRequests", status.path("reason").asText(), resp.body());
        assertEquals(7, status.path("details").path("retryAfterSeconds").asInt(), resp.body());
        assertEquals("1", webSeven(), "only the first is faulted");
        assertEquals(1, rule.faulted());
    }

    @Test
    void aConflictReadsLikeTheApiServersOnAWrite() {
        FaultRule rule = proxy.on("PATCH", CM).first(1).conflict();
        var e = assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace(NS).withName("web-7")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("A", "2").build()));
        assertEquals(409, e.getCode(), e.toString());
        assertEquals("Conflict", e.getStatus().getReason());
        assertTrue(e.getStatus().getMessage().contains("Operation cannot be fulfilled on configmaps \"web-7\": the object has been modified"),
                e.getStatus().getMessage());
        assertEquals("1", webSeven(), "the faulted write did not reach the server");
        client.configMaps().inNamespace(NS).withName("web-7").edit(cm -> new ConfigMapBuilder(cm).addToData("A", "2").build());
        assertEquals("2", webSeven(), "the next one did");
        assertEquals(1, rule.faulted());
        assertEquals(2, rule.matched());
    }

    @Test
    void aResetIsAnIoFailureWithoutAnswer() {
        FaultRule rule = proxy.on("GET", CM).first(1).reset();
        var e = assertThrows(KubernetesClientException.class, this::webSeven);
        assertInstanceOf(IOException.class, rootCause(e), "an I/O failure, no HTTP status: " + e);
        assertEquals("1", webSeven());
        assertEquals(1, rule.faulted());
    }

    @Test
    void aStalledRequestIsHeldUntilReleasedThenForwarded() {
        FaultRule rule = proxy.on("GET", CM).first(1).stall();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(this::webSeven);
        await().atMost(Duration.ofSeconds(30)).until(() -> rule.held() == 1);
        assertFalse(read.isDone(), "held, not answered");
        assertEquals(0, cluster.requests().count(r -> r.path().equals(CM)), "held, not forwarded");
        rule.release();
        assertEquals("1", read.orTimeout(30, TimeUnit.SECONDS).join());
        assertEquals(0, rule.held());
        assertEquals("1", webSeven(), "after the release nothing is held");
    }

    @Test
    void aStalledRequestIsCutWhenTheProxyCloses() {
        FaultRule rule = proxy.on("GET", CM).stall();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(this::webSeven);
        await().atMost(Duration.ofSeconds(30)).until(() -> rule.held() == 1);
        proxy.close();
        var e = assertThrows(java.util.concurrent.CompletionException.class, () -> read.orTimeout(30, TimeUnit.SECONDS).join());
        assertInstanceOf(KubernetesClientException.class, e.getCause(), e.toString());
    }

    @Test
    void aWebSocketWatchStreamsThroughAndIsReEstablishedAfterADrop() {
        watchStreamsThroughAndSurvivesADrop(client);
    }

    /**
     * The embedded server answers watches over WebSockets only; kubectl and the real server stream
     * them as chunked HTTP: a stand-in upstream streams a chunk at a time, and each reaches the
     * client before the response ends; a drop ends it mid-stream.
     */
    @Test
    void aChunkedHttpWatchStreamsChunkByChunkAndIsCutMidStream() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<io.vertx.core.http.HttpServerResponse> streams = new CopyOnWriteArrayList<>();
        try {
            HttpServer upstream = listen(vertx, new HttpServerOptions(), req -> {
                req.response().setChunked(true).putHeader("Content-Type", "application/json");
                req.response().write("{\"type\":\"ADDED\",\"n\":1}\n");
                streams.add(req.response());
            });
            try (var streaming = FaultProxy.inFrontOf(kubeconfig("http", upstream.actualPort(), null), Files.createDirectories(tmp.resolve("chunked")))) {
                FaultRule watches = streaming.on("GET", "/api/v1/configmaps").dropWatch();
                HttpResponse<java.util.stream.Stream<String>> resp = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(streaming.url().resolve("/api/v1/configmaps?watch=true")).build(), HttpResponse.BodyHandlers.ofLines());
                var lines = resp.body().iterator();
                assertEquals("{\"type\":\"ADDED\",\"n\":1}", lines.next(), "the first event arrived while the response is open");
                vertx.runOnContext(v -> streams.get(0).write("{\"type\":\"MODIFIED\",\"n\":2}\n"));
                assertEquals("{\"type\":\"MODIFIED\",\"n\":2}", lines.next(), "the second too, one chunk at a time");
                assertEquals(1, watches.openWatches());
                assertEquals(1, watches.drop());
                var cut = assertThrows(java.io.UncheckedIOException.class, lines::hasNext, "the stream ends abruptly, not with the last chunk");
                assertInstanceOf(IOException.class, cut.getCause());
                await().atMost(Duration.ofSeconds(30)).until(() -> watches.openWatches() == 0);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpServer listen(Vertx vertx, HttpServerOptions options, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler)
            throws Exception {
        return vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(handler)
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A kubeconfig for a stand-in upstream, with a token; {@code caPem} for https. */
    private Path kubeconfig(String scheme, int port, String caPem) throws IOException {
        Path file = Files.createTempFile(tmp, "upstream", ".kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: real
                  cluster: {server: "%s://127.0.0.1:%d"%s}
                users:
                - name: admin
                  user: {token: secret-token}
                contexts:
                - name: real
                  context: {cluster: real, user: admin}
                current-context: real
                """.formatted(scheme, port, caPem == null ? ""
                : ", certificate-authority-data: " + java.util.Base64.getEncoder().encodeToString(caPem.getBytes())));
        return file;
    }

    private void watchStreamsThroughAndSurvivesADrop(KubernetesClient watching) {
        watchStreamsThroughAndSurvivesADrop(proxy, watching, cluster.client(), NS);
    }

    /**
     * Watches ConfigMaps of {@code ns} with {@code watching} (through {@code proxy}): an object
     * {@code admin} creates arrives while the watch streams; every watch is dropped; the client
     * watches again by itself and the next object arrives too.
     */
    static void watchStreamsThroughAndSurvivesADrop(FaultProxy proxy, KubernetesClient watching, KubernetesClient admin, String ns) {
        FaultRule watches = proxy.on("GET", "/api/v1/namespaces/" + ns + "/configmaps").dropWatch();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = watching.configMaps().inNamespace(ns).watch(new Watcher<>() {
            public void eventReceived(Action action, ConfigMap cm) {
                seen.add(action + " " + cm.getMetadata().getName());
            }

            public void onClose(WatcherException cause) {
                seen.add("closed " + cause);
            }
        })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> watches.openWatches() == 1);
            admin.configMaps().inNamespace(ns).resource(configMap("before-drop", "1")).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("ADDED before-drop"));

            assertEquals(1, watches.drop(), "one open watch was cut mid-stream");
            await().atMost(Duration.ofSeconds(60)).until(() -> watches.faulted() >= 2 && watches.openWatches() == 1);
            admin.configMaps().inNamespace(ns).resource(configMap("after-drop", "1")).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("ADDED after-drop"));
            assertFalse(seen.stream().anyMatch(s -> s.startsWith("closed")), "the client re-established the watch itself: " + seen);
        }
    }

    /** kubectl with the proxy's kubeconfig; what it printed, after asserting it exited 0. */
    static String kubectl(FaultProxy proxy, String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", proxy.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes());
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), command + ":\n" + out);
        return out;
    }

    @Test
    void terminatesAndOriginatesTlsPassingTheTokenThrough() throws Exception {
        ProxyCertificate cert = ProxyCertificate.get();
        Vertx vertx = Vertx.vertx();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        try {
            HttpServer https = listen(vertx, new HttpServerOptions().setSsl(true)
                    .setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(cert.pkcs12())).setPassword(cert.password())), req -> {
                authorizations.add(String.valueOf(req.getHeader("Authorization")));
                req.response().putHeader("Content-Type", "application/json")
                        .end("{\"major\":\"1\",\"minor\":\"20\",\"gitVersion\":\"v1.20.2\"}");
            });
            Path upstream = kubeconfig("https", https.actualPort(), cert.pem());
            Path dir = Files.createDirectories(tmp.resolve("tls"));
            try (var tlsProxy = FaultProxy.inFrontOf(upstream, dir); var tlsClient = clientOf(tlsProxy.kubeconfig())) {
                assertTrue(tlsProxy.url().toString().startsWith("https://127.0.0.1:"), tlsProxy.url().toString());
                assertNotNull(tlsProxy.caPem());
                assertEquals("v1.20.2", tlsClient.getKubernetesVersion().getGitVersion());
                assertEquals(List.of("Bearer secret-token"), authorizations, "the token passed through to the upstream");
                FaultRule rule = tlsProxy.on("GET", "/version").first(1).status(503);
                assertEquals(503, assertThrows(KubernetesClientException.class, tlsClient::getKubernetesVersion).getCode());
                assertEquals(1, rule.faulted());
                assertEquals(1, authorizations.size(), "the faulted request did not reach the upstream");
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void writesAKubeconfigKubectlCanUse() throws Exception {
        assertEquals("1", kubectl(proxy, "get", "configmap", "web-7", "-n", NS, "-o", "jsonpath={.data.A}").trim());
        assertTrue(proxy.count("GET", CM) >= 1, proxy.requests().toString());
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
