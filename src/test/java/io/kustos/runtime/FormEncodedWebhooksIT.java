package io.kustos.runtime;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A webhook's signature is checked over the raw body whatever its content type: the README's curl
 * example for {@code /hooks/generic} (run as printed by bash, with the real curl and openssl; only
 * its URL points at the daemon) and GitHub's {@code application/x-www-form-urlencoded} delivery
 * ({@code payload=<json>}, signed with X-Hub-Signature-256) each trigger a reconcile that applies
 * the new commit; a form body signed over something else is still refused.
 */
class FormEncodedWebhooksIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final Pattern README_CURL = Pattern.compile("(body='\\{}'; curl .*?) https://kustos\\.example\\.com/hooks/generic");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theReadmeCurlExampleAndGitHubsFormDeliveryAreAccepted(String clusterName, @TempDir Path tmp) throws Exception {
        Matcher curl = README_CURL.matcher(Files.readString(Path.of("README.md")));
        assertTrue(curl.find(), "README.md has no curl example for /hooks/generic");
        String secret = "hook-" + Long.toHexString(System.nanoTime());
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            Files.writeString(tmp.resolve("webhook-secret"), secret + "\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: webhook-secret }
                    """);
            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(value(h)));
                String url = "http://127.0.0.1:" + daemon.port() + "/hooks/generic";

                h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
                String printed = run(tmp, curl.group(1) + " " + url);
                assertEquals("reconcile triggered", printed.strip());
                DaemonHttp.await(Duration.ofSeconds(30), "A=2 applied after the README's curl", () -> "2".equals(value(h)));

                h.config().commit("A=3", Map.of(FILE, configMap("app-config", "A", "3")));
                byte[] form = ("payload=" + URLEncoder.encode("{\"ref\":\"refs/heads/main\",\"after\":\"" + h.config().head() + "\"}",
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                String github = "http://127.0.0.1:" + daemon.port() + "/hooks/github";
                var forged = post(github, form, WebhookProvider.GITHUB.sign("payload=x".getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8)));
                assertEquals(401, forged.statusCode(), forged.body());
                var signed = post(github, form, WebhookProvider.GITHUB.sign(form, secret.getBytes(StandardCharsets.UTF_8)));
                assertEquals(202, signed.statusCode(), signed.body());
                DaemonHttp.await(Duration.ofSeconds(30), "A=3 applied after GitHub's form-encoded delivery", () -> "3".equals(value(h)));
            }
        }
    }

    private static HttpResponse<String> post(String url, byte[] body, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-GitHub-Event", "push")
                .header(WebhookProvider.GITHUB.header(), signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command line with bash in {@code dir}; returns its stdout, failing on a non-zero exit. */
    private static String run(Path dir, String commandLine) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", commandLine).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), commandLine);
        assertEquals(0, p.exitValue(), commandLine + "\n" + out);
        return out;
    }

    private static String value(KustosHarness h) {
        var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
