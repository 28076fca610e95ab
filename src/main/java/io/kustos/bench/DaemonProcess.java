package io.kustos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code kustos run} as its own process, started by the launcher, its output in a log file. */
final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DaemonProcess(Path kustosYaml, Path kubeconfig, int port, Path log) {
        this(kustosYaml, kubeconfig, port, log, java.util.Map.of());
    }

    /** @param environment added to the daemon's environment, e.g. {@code POD_NAME}: a sharded replica's identity */
    DaemonProcess(Path kustosYaml, Path kubeconfig, int port, Path log, java.util.Map<String, String> environment) {
        this.port = port;
        this.log = log;
        try {
            var builder = new ProcessBuilder(KustosLauncher.command("run", "--config", kustosYaml.toString(), "--kubeconfig", kubeconfig.toString()));
            builder.environment().putAll(environment);
            this.process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /status} shows every environment reconciled (the first reconcile is done; /readyz is sooner). */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kustos run exited " + process.exitValue() + "; see " + log);
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && everyEnvironmentReconciled(r.body())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Sleep.millis(200);
        }
        throw new IllegalStateException("kustos run was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private static boolean everyEnvironmentReconciled(String status) throws IOException {
        var environments = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status).path("environments");
        for (var e : environments) {
            if (!e.path("reconciled").asBoolean()) {
                return false;
            }
        }
        return !environments.isEmpty();
    }

    /** {@code GET /status} as JSON; null while the daemon does not answer. */
    com.fasterxml.jackson.databind.JsonNode status() {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A signed generic webhook call for {@code main} (the secret as in the kustos.yaml's webhookSecretFile), at
     * {@code /hooks/generic/<source>}: {@code config} or {@code releases} polls that repo alone, null both.
     */
    void webhook(byte[] secret, String source) {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var generic = io.kustos.runtime.WebhookProvider.GENERIC;
        int status = post("/hooks/generic" + (source == null ? "" : "/" + source), body, generic.header(), generic.sign(body, secret));
        if (status / 100 != 2) {
            throw new IllegalStateException("the webhook call was answered " + status + "; see " + log);
        }
    }

    /** A full garbage collection in the daemon ({@code jcmd <pid> GC.run}), then its resident memory, in MiB. */
    double rssAfterGcMiB() {
        jcmd("GC.run");
        return rssMiB();
    }

    /** The daemon's heap live set, in MiB: {@code jcmd <pid> GC.class_histogram} (a full collection, then the live objects). */
    double heapLiveMiB() {
        return HeapLiveSet.bytes(jcmd("GC.class_histogram")) / (1024.0 * 1024.0);
    }

    private String jcmd(String command) {
        var r = ProcessRun.run(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command), null, log.getParent());
        if (r.exit() != 0) {
            throw new IllegalStateException("jcmd " + command + " exited " + r.exit() + ": " + r.stdout() + r.stderr());
        }
        return r.stdout();
    }

    int post(String path, byte[] body, String header, String value) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header(header, value)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Resident memory of the JVM now (VmRSS), in MiB. The launcher execs java, so the process is the JVM. */
    double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the daemon's memory", e);
        }
        throw new IllegalStateException("no VmRSS for the daemon");
    }

    /** {@code GET /metrics} (Prometheus text); empty while the daemon does not answer. */
    String metrics() {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** CPU time the JVM has used so far (user + system, {@code /proc/<pid>/stat}), in ms. */
    double cpuMillis() {
        try {
            return ProcStat.cpuMillis(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the daemon's CPU time", e);
        }
    }

    /** kill -9: the daemon ends at once, giving nothing up (its Leases expire). */
    void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
