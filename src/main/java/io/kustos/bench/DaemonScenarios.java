package io.kustos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * {@code kustos run} as its own process against namespaces in sync: the latency from a signed
 * webhook call to the change being readable in the cluster, and the resident memory after polling
 * for a while.
 */
final class DaemonScenarios {
    static final String WEBHOOK = "webhook to applied";
    static final String MEMORY = "daemon memory";
    static final String CPU_PER_COMMIT = "daemon CPU per commit (user + sys, /proc), to the next commit";
    static final String READS_PER_COMMIT = "reads at server per commit (less the harness's polls of the value)";
    static final String WRITES_PER_COMMIT = "writes at server per commit (incl. dry runs, events)";
    static final String GIT_PER_COMMIT = "requests at the git server per commit (each a git http-backend process)";
    static final String HEAP_LIVE = "heap live set (after a full GC, jcmd GC.class_histogram)";
    /** Commits sent first and not timed: the daemon's first reconciles of a new commit also warm its JIT. */
    static final int WARM_UP = 2;

    private final BenchWorkspace ws;
    private final BenchCluster cluster;
    private final Results results;
    /** Added to the scenarios' names: empty for the run's own shape, e.g. " (10000 objects, 100 environments)" for a larger one. */
    private final String label;

    DaemonScenarios(BenchWorkspace ws, BenchCluster cluster, Results results) {
        this(ws, cluster, results, "");
    }

    DaemonScenarios(BenchWorkspace ws, BenchCluster cluster, Results results, String label) {
        this.ws = ws;
        this.cluster = cluster;
        this.results = results;
        this.label = label;
    }

    /** The label for a shape other than the run's own: its objects and environments. */
    static String label(BenchShape shape) {
        return " (" + shape.objects() + " objects, " + shape.environments() + " environments)";
    }

    /** One commit at a time: commit, then the webhook call; the clock runs from the call to the new value being read back. */
    void webhook(String prefix, int commits) {
        int port = freePort();
        String env = ws.shape.environmentNames().get(0);
        int service = ws.shape.unusedService();
        String ns = BenchWorkspace.namespace(prefix, env);
        String name = BenchShape.service(service) + "-config";
        try (var daemon = new DaemonProcess(ws.kustosYaml(prefix, "1h", port), cluster.kubeconfig(), port, ws.dir.resolve("daemon-webhook.log"))) {
            daemon.awaitReady(Duration.ofMinutes(10));
            byte[] secret = Files.readString(ws.webhookSecretFile).trim().getBytes(StandardCharsets.UTF_8);
            var cm = cluster.admin().configMaps().inNamespace(ns).withName(name);
            for (int i = -WARM_UP; i < commits; i++) {
                String value = (500 + i) + "s";
                ws.config.commit("webhook " + i, ws.synthetic.changedConfig(env, service, value));
                // what one commit costs the daemon and the server, from its webhook to the next commit's (issue 18 point 3)
                double cpu = daemon.cpuMillis();
                ServerCounts before = cluster.counts();
                long gitBefore = gitRequests();
                long polls = 1;
                long t = System.nanoTime();
                daemon.webhook(secret, "config"); // each commit here goes to the config repo alone
                for (; !value.equals(cm.get().getData().get(SyntheticRepos.CHANGED_KEY)); polls++) {
                    if (System.nanoTime() - t > Duration.ofMinutes(2).toNanos()) {
                        throw new IllegalStateException("commit " + i + " was not applied within 2 minutes after its webhook");
                    }
                    Sleep.millis(5);
                }
                double ms = (System.nanoTime() - t) / 1e6;
                Sleep.millis(1000); // let the reconcile finish (history, events) before the next commit
                if (i >= 0) {
                    ServerCounts used = cluster.counts().minus(before);
                    results.add(cluster.name(), WEBHOOK + label, "latency", "ms", ms);
                    results.add(cluster.name(), WEBHOOK + label, CPU_PER_COMMIT, "ms", daemon.cpuMillis() - cpu);
                    results.add(cluster.name(), WEBHOOK + label, READS_PER_COMMIT, "req", used.reads() - polls);
                    results.add(cluster.name(), WEBHOOK + label, WRITES_PER_COMMIT, "req", used.writes() + used.dryRuns() + used.events());
                    results.add(cluster.name(), WEBHOOK + label, GIT_PER_COMMIT, "req", gitRequests() - gitBefore);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests for the git server's ref advertisement, ref listing and packs so far (pushes excluded: the harness's own commits). */
    private long gitRequests() {
        return ws.git.requests(GitHttpServer.Service.INFO_REFS) + ws.git.requests(GitHttpServer.Service.LS_REFS)
                + ws.git.requests(GitHttpServer.Service.UPLOAD_PACK);
    }

    /**
     * Polls every 10 s for {@code minutes}; samples the resident memory every 10 s. At the end, the heap live set (after
     * a full collection) and the resident memory after that collection.
     */
    void memory(String prefix, double minutes) {
        int port = freePort();
        try (var daemon = new DaemonProcess(ws.kustosYaml(prefix, "10s", port), cluster.kubeconfig(), port, ws.dir.resolve("daemon-memory.log"))) {
            daemon.awaitReady(Duration.ofMinutes(10));
            long end = System.nanoTime() + (long) (minutes * 60e9);
            double max = 0;
            double last = 0;
            while (System.nanoTime() < end) {
                Sleep.millis(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                if (!daemon.alive()) {
                    throw new IllegalStateException("the daemon exited during the memory run");
                }
                last = daemon.rssMiB();
                max = Math.max(max, last);
            }
            results.add(cluster.name(), MEMORY + label, String.format("RSS after %.1f min of 10 s polls", minutes), "MiB", last);
            results.add(cluster.name(), MEMORY + label, "RSS max while polling", "MiB", max);
            results.add(cluster.name(), MEMORY + label, HEAP_LIVE, "MiB", daemon.heapLiveMiB());
            results.add(cluster.name(), MEMORY + label, "RSS after that full GC", "MiB", daemon.rssMiB());
        }
    }

    static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
