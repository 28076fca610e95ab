package io.kustos.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One measurement of the scale scenario: the environments of a workspace on one cluster, synced by {@code replicas}
 * {@code kustos run} processes from fresh namespaces (the Deployments already there, as in a real cluster). It
 * measures the cold apply (from starting the replicas until every environment is in sync, and the requests it took),
 * the requests of the first polls after it (they start the watch caches), then the no-op polls over an idle window, the replicas' RSS, and with several replicas the time another takes over the
 * environments of one killed with -9.
 */
final class ScaleScenario {
    static final String FETCH_COUNT = "kustos_source_fetch_duration_seconds_count";
    static final String FETCH_SUM = "kustos_source_fetch_duration_seconds_sum";
    /** The sharded replicas' default leaseDuration (15 s) and retryPeriod, with room for a loaded machine. */
    static final Duration TAKEOVER_TIMEOUT = Duration.ofMinutes(3);
    /** How long the requests others send the server are counted before the replicas start. */
    static final Duration BACKGROUND_WINDOW = Duration.ofSeconds(5);

    private final BenchWorkspace ws;
    private final BenchCluster cluster;
    private final ScaleSettings settings;
    private final PrintStream log;

    ScaleScenario(BenchWorkspace ws, BenchCluster cluster, ScaleSettings settings, PrintStream log) {
        this.ws = ws;
        this.cluster = cluster;
        this.settings = settings;
        this.log = log;
    }

    ScalePoint run(int replicas) {
        int environments = ws.shape.environments();
        var point = new ScalePoint(cluster.name(), environments, replicas);
        String prefix = ws.id + "-r" + replicas;
        for (String env : ws.shape.environmentNames()) {
            String ns = BenchWorkspace.namespace(prefix, env);
            cluster.createNamespace(ns);
            cluster.createDeployments(ws.synthetic.deployments(ns));
        }
        String leaseNamespace = replicas > 1 ? prefix + "-leases" : null;
        if (leaseNamespace != null) {
            cluster.createNamespace(leaseNamespace);
        }
        String label = "[" + cluster.name() + ", " + environments + " environments, " + replicas + " replica(s)] ";
        point.with(ScalePoint.LOAD, loadAverage());
        String quiet = cluster.metrics();
        long quietStart = System.nanoTime();
        Sleep.millis(BACKGROUND_WINDOW.toMillis()); // nothing of this benchmark runs: what the server answers now, others sent
        String before = cluster.metrics();
        point.with(ScalePoint.BACKGROUND, ApiServerMetrics.parse(before).minus(ApiServerMetrics.parse(quiet)).total()
                / ((System.nanoTime() - quietStart) / 1e9));
        long start = System.nanoTime();
        try (var daemons = new ScaleReplicas(ws, cluster, prefix, replicas, settings.pollInterval(), leaseNamespace)) {
            daemons.awaitAllInSync(Duration.ofMinutes(30));
            double cold = (System.nanoTime() - start) / 1e9;
            String after = cluster.metrics();
            point.with(ScalePoint.COLD, cold)
                    .with(ScalePoint.COLD_REQUESTS, ApiServerMetrics.parse(after).minus(ApiServerMetrics.parse(before)).total())
                    .with(ScalePoint.COLD_LEASES, ApiServerMetrics.parse(after, "leases").minus(ApiServerMetrics.parse(before, "leases")).total());
            log.printf("%scold apply: %.1f s; settling ...%n", label, cold);
            daemons.awaitSettled(Duration.ofSeconds(6), Duration.ofMinutes(10));
            // the first poll after its apply starts an environment's watch caches (a list per kind and namespace, once):
            // counted apart, so that the idle window counts what every later no-op poll costs
            daemons.awaitPolls(2, Duration.ofMinutes(10).plus(settings.pollInterval().multipliedBy(2)));
            String cachesStarted = cluster.metrics();
            point.with(ScalePoint.CACHES_START, (ApiServerMetrics.parse(cachesStarted).minus(ApiServerMetrics.parse(after)).total()
                    - ApiServerMetrics.parse(cachesStarted, "leases").minus(ApiServerMetrics.parse(after, "leases")).total()) / (double) environments);
            PollCost cost = idle(daemons);
            point.with(ScalePoint.NOOP_REQUESTS, cost.requestsPerRound()).with(ScalePoint.NOOP_READS, cost.readsPerRound())
                    .with(ScalePoint.NOOP_GIT_MS, cost.msPerPoll())
                    .with(ScalePoint.NOOP_CPU_MS, cost.cpuMillisPerRound()).with(ScalePoint.LEASES_PER_SECOND, cost.leaseRequestsPerSecond());
            double rssMax = 0;
            double rssSum = 0;
            for (DaemonProcess d : daemons.daemons().values()) {
                double rss = d.rssMiB();
                rssMax = Math.max(rssMax, rss);
                rssSum += rss;
            }
            point.with(ScalePoint.RSS_MAX, rssMax).with(ScalePoint.RSS_SUM, rssSum).with(ScalePoint.OWNED_MAX, daemons.mostOwned());
            log.printf("%sno-op: %.1f requests and %.0f CPU ms per round, %.1f Lease requests/s; RSS max %.0f MiB; takeover ...%n",
                    label, cost.requestsPerRound(), cost.cpuMillisPerRound(), cost.leaseRequestsPerSecond(), rssMax);
            if (daemons.sharded()) {
                var takeover = daemons.killBusiest(TAKEOVER_TIMEOUT);
                point.with(ScalePoint.TAKEOVER, takeover.seconds()).with(ScalePoint.TAKEN_OVER, takeover.environments().size());
                log.printf("%stook over %d environments in %.1f s%n", label, takeover.environments().size(), takeover.seconds());
            }
        }
        return point;
    }

    /** The machine's load average over the last minute ({@code /proc/loadavg}); 0 where there is none. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Counts the no-op polls over the idle window: the daemons' own poll counters and CPU time, and the requests at the server. */
    private PollCost idle(ScaleReplicas daemons) {
        Map<String, String> metricsBefore = new HashMap<>();
        Map<String, Double> cpuBefore = new HashMap<>();
        daemons.daemons().forEach((name, d) -> {
            metricsBefore.put(name, d.metrics());
            cpuBefore.put(name, d.cpuMillis());
        });
        String before = cluster.metrics();
        long start = System.nanoTime();
        Sleep.millis(settings.idle().toMillis());
        String after = cluster.metrics();
        double seconds = (System.nanoTime() - start) / 1e9;
        long polls = 0;
        double pollSeconds = 0;
        double cpu = 0;
        for (var e : daemons.daemons().entrySet()) {
            String now = e.getValue().metrics();
            String then = metricsBefore.get(e.getKey());
            polls += Math.round(PrometheusText.value(now, FETCH_COUNT) - PrometheusText.value(then, FETCH_COUNT));
            pollSeconds += PrometheusText.value(now, FETCH_SUM) - PrometheusText.value(then, FETCH_SUM);
            cpu += e.getValue().cpuMillis() - cpuBefore.get(e.getKey());
        }
        ServerCounts all = ApiServerMetrics.parse(after).minus(ApiServerMetrics.parse(before));
        ServerCounts leases = ApiServerMetrics.parse(after, "leases").minus(ApiServerMetrics.parse(before, "leases"));
        return new PollCost(seconds, polls, daemons.owning(), pollSeconds, cpu, leases.total(), all.total() - leases.total(), all.reads() - leases.reads());
    }
}
