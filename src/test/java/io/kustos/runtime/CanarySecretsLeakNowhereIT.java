package io.kustos.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.agent.Agent;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.SopsFiles;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole product run with canary values in SOPS-encrypted Secrets — CLI runs at {@code -vv}
 * (diff, apply, in text and JSON, history, blame), a refused revision, a failed hook, the daemon
 * (a new revision, a hand edit healed, its HTTP endpoints and notifications) — and then every
 * place a value could leak is searched for each canary, in clear and in base64: command output,
 * log events as text and as the JSON the daemon's {@code --log-format json} writes, /status,
 * /readyz, /healthz, /metrics, notifications, every object Kustos leaves in the namespace (Events,
 * the history, annotations, Leases, Jobs, and the Secrets' metadata) read back with kubectl, and
 * every file under the cache dir and the temp dir written during the run. A short value (a
 * 4-digit PIN) is fingerprinted only with the installation's key: no unkeyed digest of it, nor a
 * digest keyed with anything guessable, matches a stored fingerprint.
 */
class CanarySecretsLeakNowhereIT {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String SECRETS = "environments/staging/app/secrets.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FINGERPRINT = Pattern.compile("hmac:([0-9a-f]{8})\\b");
    /** A history entry of a Secret (up to the end of its keys) with a {@code sha256:} fingerprint, as records before keyed fingerprints had. */
    private static final Pattern UNKEYED_SECRET_FINGERPRINT = Pattern.compile("kind\\\\?\":\\\\?\"Secret[^}]*sha256:[0-9a-f]+");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void canaryValuesAppearNowhere(String clusterName, @TempDir Path tmp) throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        var canaries = new ArrayList<String>();
        String pin = String.format("%04d", RANDOM.nextInt(10_000));
        var identity = X25519Identity.generate(RANDOM);
        Path keyFile = tmp.resolve("age.key");
        Files.writeString(keyFile, identity.encodeSecret() + "\n");

        var found = new Findings();
        var wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        try (var logs = new AllLogs();
             var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                     CONFIG, configMap("app-config", "A", "1"),
                     SECRETS, encryptedSecret(tmp, identity, canary(canaries), pin)));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace());
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            wm.stubFor(post(anyUrl()).willReturn(ok()));
            h.cluster().client().apps().deployments().inNamespace(h.namespace()).resource(webUsingTheSecret(h.namespace())).create();
            h.releases().commit("web too", Map.of(RELEASE, KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.0"), "")));
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    decryption: { ageKeyFile: %s }
                    sync: { interval: 1h, rolloutTimeout: 60s }
                    server: { port: 0, host: 127.0.0.1 }
                    notifications:
                      webhook: { url: "%s/events" }
                      retryDelay: 50ms
                    """.formatted(keyFile, wm.baseUrl()));

            // the CLI: a first apply, a changed value previewed and applied, history and blame
            var runs = new ArrayList<KustosRun>();
            runs.add(expect(1, h.kustos("diff", "-vv")));
            runs.add(expect(0, h.kustos("apply", "-vv")));
            h.config().commit("rotate", Map.of(SECRETS, encryptedSecret(tmp, identity, canary(canaries), pin)));
            runs.add(expect(1, h.kustos("diff", "-vv")));
            runs.add(expect(1, h.kustos("diff", "-o", "json", "-vv")));
            runs.add(expect(0, h.kustos("apply", "-o", "json", "-vv")));
            runs.add(expect(0, h.kustos("history", "-vv")));
            runs.add(expect(0, h.kustos("history", "-o", "json", "-vv")));
            runs.add(expect(0, KustosRun.of("blame", "secret/app-secrets", "TOKEN", "-c", h.kustosYaml().toString(), "-vv")));
            runs.add(expect(0, KustosRun.of("blame", "secret/app-secrets", "-o", "json", "-c", h.kustosYaml().toString(), "-vv")));

            // refused input: a Secret whose data value is not base64 (its value must not be echoed)
            String notBase64 = canary(canaries) + "!";
            h.config().commit("not base64", Map.of(SECRETS, SopsFiles.encryptForAge(tmp, identity.recipient(),
                    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\ndata:\n  TOKEN: \"" + notBase64 + "\"\n")));
            runs.add(expectFailure(h.kustos("apply", "-vv")));
            runs.add(expectFailure(h.kustos("diff", "-vv")));

            // a failed pre-deploy hook of web, which reads the Secret
            h.config().commit("good again", Map.of(SECRETS, encryptedSecret(tmp, identity, canary(canaries), pin)));
            h.releases().commit("web 1.0.1 with a failing hook", Map.of(RELEASE, KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.1"), """
                    hooks:
                      preDeploy:
                        - name: migrate
                          workload: web
                          command: [sh, -c, fail-on-purpose]
                          timeout: 60s
                    """)));
            runs.add(expectFailure(h.kustos("apply", "-vv")));
            h.releases().commit("web 1.0.1", Map.of(RELEASE, KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.1"), "")));
            runs.forEach(r -> found.search("output of a kustos command", r.all()));

            // the daemon: a new value applied, a hand edit healed, its endpoints and notifications
            var http = new ArrayList<String>();
            try (var daemon = new KustosDaemon(new Agent(ConfigLoader.load(h.kustosYaml()), clients), Duration.ofSeconds(10))) {
                daemon.start();
                String head = h.config().head();
                DaemonHttp.await(Duration.ofSeconds(90), "the daemon's apply of " + head, () ->
                        wm.findAll(postRequestedFor(urlEqualTo("/events")).withRequestBody(containing("\"applied\""))
                                .withRequestBody(containing(head))).size() == 1);
                String byHand = canary(canaries);
                h.cluster().client().secrets().inNamespace(h.namespace()).withName("app-secrets").edit(s -> {
                    s.getData().put("TOKEN", Base64.getEncoder().encodeToString(byHand.getBytes(StandardCharsets.UTF_8)));
                    return s;
                });
                DaemonHttp.await(Duration.ofSeconds(90), "the drift correction", () -> {
                    daemon.trigger("test");
                    return wm.findAll(postRequestedFor(urlEqualTo("/events")).withRequestBody(containing("\"driftCorrected\""))).size() >= 1;
                });
                var client = new DaemonHttp(daemon.port());
                for (String path : List.of("/status", "/readyz", "/healthz", "/metrics")) {
                    http.add(client.get(path).body());
                }
            }
            http.forEach(body -> found.search("a daemon HTTP endpoint", body));
            for (LoggedRequest r : wm.findAll(anyRequestedFor(anyUrl()))) {
                found.search("a notification", r.getBodyAsString());
            }

            // what Kustos left in the cluster, read with kubectl; Secrets without their data
            found.search("objects in the namespace", kubectl(h, "get",
                    "configmaps,events,deployments,replicasets,pods,jobs,leases,serviceaccounts", "-n", h.namespace(), "-o", "json"));
            found.search("Secrets' metadata", withoutData(kubectl(h, "get", "secrets", "-n", h.namespace(), "-o", "json")));
            found.search("Events of every namespace", kubectl(h, "get", "events", "--all-namespaces", "-o", "json"));

            // the logs, as text and as --log-format json writes them
            logs.events().forEach(e -> found.search("a log line (" + e.getLoggerName() + ")", logs.text(e)));
            logs.events().forEach(e -> found.search("a JSON log line (" + e.getLoggerName() + ")", logs.json(e)));

            // files: the cache dir, and everything written under the temp dir during the run
            found.searchFiles(tmp.resolve("cache"), started, Set.of());
            found.searchFiles(Path.of(System.getProperty("java.io.tmpdir")), started, Set.of(tmp));

            assertTrue(found.places > 50, "too few places searched: " + found.places);
            assertEquals(List.of(), found.leaks(canaries), "canary values leaked");

            // the PIN: fingerprints are keyed with the installation's key; nothing guessable matches
            var secret = h.cluster().client().secrets().inNamespace(h.namespace()).withName("kustos-fingerprint-key").get();
            assertNotNull(secret, "the fingerprint key Secret");
            byte[] key = Base64.getDecoder().decode(secret.getData().get("hmac-sha256"));
            String place = "secret/" + h.namespace() + "/app-secrets/PIN";
            String stored = kubectl(h, "get", "configmaps,events", "-n", h.namespace(), "-o", "json")
                    + String.join("\n", runs.stream().map(KustosRun::all).toList());
            var fingerprints = fingerprints(stored);
            String keyed = hmac(key, place, pin);
            assertTrue(fingerprints.contains(keyed), "the PIN's keyed fingerprint " + keyed + " is stored (history, diff): " + fingerprints);
            for (var guess : guesses(place, pin, h.namespace()).entrySet()) {
                assertFalse(fingerprints.contains(guess.getValue()), "a stored fingerprint matches " + guess.getKey());
            }
            Matcher unkeyed = UNKEYED_SECRET_FINGERPRINT.matcher(stored);
            assertFalse(unkeyed.find(), () -> "an unkeyed fingerprint of a Secret value is stored: " + unkeyed.group());
        } finally {
            wm.stop();
        }
    }

    /** A new canary: random, long enough never to appear by chance, in hex so that JSON or URL encoding leaves it as it is. */
    private static String canary(List<String> canaries) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        String c = "canary" + HexFormat.of().formatHex(b);
        canaries.add(c);
        return c;
    }

    private static String encryptedSecret(Path tmp, X25519Identity identity, String token, String pin) throws Exception {
        return SopsFiles.encryptForAge(tmp, identity.recipient(), KustosHarness.secret("app-secrets", "TOKEN", token, "PIN", pin));
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment webUsingTheSecret(String namespace) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(1).withProgressDeadlineSeconds(60)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("registry.example.com/web:1.0.0")
                .addNewEnvFrom().withNewSecretRef().withName("app-secrets").endSecretRef().endEnvFrom()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static KustosRun expect(int exit, KustosRun run) {
        assertEquals(exit, run.exit(), run.toString());
        return run;
    }

    private static KustosRun expectFailure(KustosRun run) {
        assertNotEquals(0, run.exit(), run.toString());
        return run;
    }

    private static String kubectl(KustosHarness h, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", h.cluster().kubeconfig().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** A kubectl list of Secrets with their data and stringData taken out (where values belong). */
    private static String withoutData(String json) throws IOException {
        JsonNode list = new ObjectMapper().readTree(json);
        for (JsonNode item : list.path("items")) {
            ((ObjectNode) item).remove(List.of("data", "stringData"));
        }
        return list.toString();
    }

    private static Set<String> fingerprints(String text) {
        var all = new java.util.TreeSet<String>();
        Matcher m = FINGERPRINT.matcher(text);
        while (m.find()) {
            all.add(m.group());
        }
        return all;
    }

    /** The fingerprint of a value as README documents it: HMAC-SHA256 over the length-prefixed place and the value, 32 bits. */
    private static String hmac(byte[] key, String place, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] p = place.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(8).putLong(p.length).array());
        mac.update(p);
        mac.update(value.getBytes(StandardCharsets.UTF_8));
        return "hmac:" + HexFormat.of().formatHex(mac.doFinal(), 0, 4);
    }

    /** What someone without the key could try: unkeyed digests of the value, alone or after its place, and HMACs with guessable keys. */
    private static Map<String, String> guesses(String place, String pin, String namespace) throws Exception {
        var guesses = new LinkedHashMap<String, String>();
        for (String algorithm : List.of("SHA-256", "SHA-1", "MD5", "SHA-512")) {
            for (String input : List.of(pin, place + pin, place + "\0" + pin, place + "/" + pin)) {
                byte[] d = MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
                guesses.put(algorithm + "(" + input + ")", "hmac:" + HexFormat.of().formatHex(d, 0, 4));
            }
        }
        for (String guessedKey : List.of("", "kustos", namespace, "kustos-fingerprint-key", "hmac-sha256", place)) {
            byte[] k = guessedKey.isEmpty() ? new byte[32] : guessedKey.getBytes(StandardCharsets.UTF_8);
            guesses.put("HMAC keyed with '" + guessedKey + "'", hmac(k, place, pin));
        }
        return guesses;
    }

    /** Every text searched, by where it came from, and the leaks found in them. */
    private static final class Findings {
        private final List<String[]> texts = new ArrayList<>();
        private int places;

        void search(String where, String text) {
            texts.add(new String[]{where, text});
            places++;
        }

        /** Every regular file under {@code root} modified since {@code since}, but those under {@code skip}; what cannot be read is passed over. */
        void searchFiles(Path root, Instant since, Set<Path> skip) throws IOException {
            if (!Files.isDirectory(root)) {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isAfter(since)) {
                        try {
                            search("the file " + file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                        } catch (IOException e) {
                            // removed meanwhile by another process, or not ours to read
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // another test's temp dir removed while walking
                }
            });
        }

        /** Each canary in clear or in base64 (at every byte alignment) where it was found. */
        List<String> leaks(List<String> canaries) {
            var forms = new LinkedHashMap<String, String>();
            for (String c : canaries) {
                forms.put(c, c);
                for (int shift = 0; shift < 3; shift++) {
                    String b64 = Base64.getEncoder().encodeToString(("xx".substring(0, shift) + c).getBytes(StandardCharsets.UTF_8));
                    // drop the characters that mix in the prefix or the padding: what is left appears whatever surrounds the value
                    int from = shift == 0 ? 0 : shift == 1 ? 3 : 4;
                    forms.put(b64.substring(from, b64.length() - 4), c + " (base64)");
                }
            }
            var leaks = new ArrayList<String>();
            for (String[] t : texts) {
                forms.forEach((form, canary) -> {
                    int at = t[1].indexOf(form);
                    if (at >= 0) {
                        leaks.add(canary + " in " + t[0] + ": …" + t[1].substring(Math.max(0, at - 200), Math.min(t[1].length(), at + 100)) + "…");
                    }
                });
            }
            return leaks;
        }
    }

    /**
     * Every logging event Kustos lets through — its own loggers at DEBUG (what {@code -vv} shows),
     * every other logger at its configured level — formatted as text and as JSON.
     */
    private static final class AllLogs implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Logger kustos = (Logger) LoggerFactory.getLogger("io.kustos");
        private final Level kustosBefore = kustos.getLevel();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final JsonEncoder json = new JsonEncoder();

        AllLogs() {
            appender.setContext(root.getLoggerContext());
            appender.start();
            json.setContext(root.getLoggerContext());
            json.start();
            kustos.setLevel(Level.DEBUG);
            root.addAppender(appender);
        }

        List<ILoggingEvent> events() {
            synchronized (appender) {
                return List.copyOf(appender.list);
            }
        }

        String text(ILoggingEvent e) {
            var sb = new StringBuilder(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
            if (e.getThrowableProxy() != null) {
                sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            return sb.toString();
        }

        String json(ILoggingEvent e) {
            return new String(json.encode(e), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
            kustos.setLevel(kustosBefore);
        }
    }
}
