package io.kustos.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code java -jar target/kustos.jar run --log-format json} as operators run it, against the
 * loopback git server and the embedded cluster, with sync.interval 1h: a signed webhook after a
 * commit gets the change applied long before the next poll; unsigned or wrongly signed calls get
 * 401 and change nothing; health, readiness and metrics answer over HTTP; SIGTERM stops it cleanly,
 * leaving nothing in java.io.tmpdir or its working directory.
 * Also proves that the shaded jar starts Camel (its META-INF/services files merged).
 */
class KustosRunWebhookIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String SECRET = "hook-" + Long.toHexString(System.nanoTime());
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignedWebhookAppliesACommitAtOnceAndAnUnsignedOneIsRefused(@TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            Files.writeString(tmp.resolve("hook-secret"), SECRET + "\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    """);
            Path log = tmp.resolve("kustos.log");
            Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
            Path workDir = Files.createDirectories(tmp.resolve("work-dir"));
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + javaTmp, "-jar", Path.of("target/kustos.jar").toAbsolutePath().toString(), "run", "--log-format", "json",
                    "--config", h.kustosYaml().toString(), "--kubeconfig", h.cluster().kubeconfig().toString()))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                int port = Integer.parseInt(awaitLog(log, LISTENING, p).group(1));
                var http = new DaemonHttp(port);
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(value(h))
                        && http.get("/status").body().contains("\"outcome\" : \"applied\""));

                var health = http.get("/healthz");
                assertEquals(200, health.statusCode(), health.body());
                var ready = http.get("/readyz");
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("kustos-serving: UP (leader"), ready.body());
                assertEquals(405, http.post("/healthz", new byte[0], null, null).statusCode(), "only GET");

                String first = h.config().head();
                h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
                var unsigned = http.hook(WebhookProvider.GITHUB, "{\"ref\":\"refs/heads/main\"}", null);
                assertEquals(401, unsigned.statusCode(), unsigned.body());
                assertEquals(401, http.hook(WebhookProvider.GITHUB, "{}", "not-the-secret").statusCode());
                assertEquals(401, http.hook(WebhookProvider.GITLAB, "{}", "not-the-secret").statusCode());
                assertEquals(413, http.post("/hooks/generic", new byte[2 * 1024 * 1024], "X-Kustos-Signature", "sha256=00").statusCode());
                await("a refused webhook must trigger nothing").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(30))
                        .until(() -> "1".equals(value(h)));

                long start = System.nanoTime();
                var signed = http.hook(WebhookProvider.GITHUB, "{\"ref\":\"refs/heads/main\"}", SECRET);
                assertEquals(202, signed.statusCode(), signed.body());
                DaemonHttp.await(Duration.ofSeconds(20), "A=2 applied after the webhook", () -> "2".equals(value(h)));
                var form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/gitlab"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Gitlab-Token", SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString("payload=%7B%7D")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, form.statusCode(), "a form-encoded webhook, as curl -d sends: " + form.body());
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("KustosRunWebhookIT: webhook to applied change: " + millis + " ms (next poll in ~1h)");

                String applied2 = "kustos_reconcile_duration_seconds_count{environment=\"staging\",outcome=\"applied\"} 2";
                DaemonHttp.await(Duration.ofSeconds(20), "the second reconcile in /metrics", () -> http.get("/metrics").body().contains(applied2));
                String metrics = http.get("/metrics").body();
                assertTrue(metrics.contains("kustos_last_applied_revision_info{config=\"" + h.config().head() + "\",environment=\"staging\""), metrics);
                assertFalse(metrics.contains(first), "the previous revision's info series is removed");
                assertTrue(metrics.contains("kustos_source_fetch_duration_seconds_count"), metrics);
                assertTrue(metrics.contains("kustos_objects_applied_total{environment=\"staging\"}"), metrics);

                // a webhook that names the config repo: only its remote is asked (PollReasons, SourcePoller.poll(PollScope))
                h.config().commit("A=3", Map.of(FILE, configMap("app-config", "A", "3")));
                assertEquals(401, http.post("/hooks/generic/config", "{}".getBytes(), "X-Kustos-Signature", "sha256=00").statusCode());
                byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                var named = http.post("/hooks/generic/config", body, WebhookProvider.GENERIC.header(),
                        WebhookProvider.GENERIC.sign(body, SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertEquals(202, named.statusCode(), named.body());
                DaemonHttp.await(Duration.ofSeconds(20), "A=3 applied after the config repo's webhook", () -> "3".equals(value(h)));

                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(40, TimeUnit.SECONDS), "kustos run did not stop on SIGTERM");
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String out = Files.readString(log);
            assertTrue(out.contains("stopped reconciling"), out);
            assertEquals(List.of(), contents(javaTmp), "kustos run left files in java.io.tmpdir (Camel's camel-tmp-*, Vert.x's vertx-cache)");
            assertEquals(List.of(), contents(workDir), "kustos run left files in its working directory (Vert.x's file-uploads)");
            assertFalse(out.contains(SECRET), "the webhook secret reached the log");
            assertFalse(out.contains(Files.readString(tmp.resolve("git-password")).strip()), "the git password reached the log");
            List<JsonNode> lines = jsonLines(out);
            assertTrue(lines.stream().anyMatch(l -> "webhook generic/config: reconcile triggered".equals(l.path("formattedMessage").asText())), out);
            assertTrue(lines.stream().anyMatch(l -> l.path("loggerName").asText().endsWith("ReportLog")
                    && "staging".equals(l.path("mdc").path("environment").asText())
                    && l.path("mdc").path("revision").asText().startsWith("config=")), out);
        }
    }

    private static List<Path> contents(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(f -> !f.equals(dir)).toList();
        }
    }

    private static String value(KustosHarness h) {
        var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }

    private static List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        assertFalse(lines.isEmpty(), "no JSON log line in:\n" + out);
        return lines;
    }

    private static Matcher awaitLog(Path log, Pattern pattern, Process p) {
        Matcher[] found = new Matcher[1];
        DaemonHttp.await(Duration.ofSeconds(60), "kustos run to listen", () -> {
            if (!p.isAlive()) {
                throw new AssertionError("kustos run exited " + p.exitValue() + ":\n" + read(log));
            }
            Matcher m = pattern.matcher(read(log));
            if (m.find()) {
                found[0] = m;
                return true;
            }
            return false;
        });
        return found[0];
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
