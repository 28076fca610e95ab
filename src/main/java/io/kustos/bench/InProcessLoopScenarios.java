package io.kustos.bench;

import io.kustos.agent.Agent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.reconcile.ReconcileLoop;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's loop ({@link ReconcileLoop}, set up as {@code kustos run} sets it up), in this process
 * against namespaces a cold apply brought in sync: polls that find nothing new (no-op reconcile),
 * then commits that change one key of a ConfigMap three Deployments use.
 */
final class InProcessLoopScenarios implements AutoCloseable {
    static final String NOOP = "no-op reconcile";
    static final String ONE_KEY = "one key changed";

    private final BenchWorkspace ws;
    private final BenchCluster cluster;
    private final Results results;
    private final ClusterClients clients;
    private final ReconcileLoop loop;
    private final AtomicReference<String> lastOutcome = new AtomicReference<>("");
    private long pollNanos;

    InProcessLoopScenarios(BenchWorkspace ws, BenchCluster cluster, Results results, String prefix) {
        this.ws = ws;
        this.cluster = cluster;
        this.results = results;
        KustosConfig cfg = ConfigLoader.load(ws.kustosYaml(prefix, "10s", 0));
        this.clients = new ClusterClients(cluster.kubeconfig(), null);
        this.loop = new Agent(cfg, clients).loop(report -> lastOutcome.set(report.targets().toString()), new io.kustos.reconcile.LoopObserver() {
                    @Override
                    public void sourcesPolled(java.time.Duration took, io.kustos.failure.KustosException error) {
                        pollNanos = took.toNanos();
                    }
                });
        loop.runOnce(); // clones and finds the namespaces in sync
        loop.runOnce(); // the first poll without a new commit starts the watch caches
    }

    void noOp(int polls) {
        for (int i = 0; i < polls; i++) {
            ws.git.resetCounts();
            clients.counter().reset();
            ServerCounts before = cluster.counts();
            long t = System.nanoTime();
            var report = loop.runOnce();
            double ms = (System.nanoTime() - t) / 1e6;
            ServerCounts used = cluster.counts().minus(before);
            if (report.isPresent()) {
                throw new IllegalStateException("a poll without changes reconciled: " + lastOutcome.get());
            }
            String c = cluster.name();
            results.add(c, NOOP, "kustos wall", "ms", ms);
            results.add(c, NOOP, "of which polling both repos (ls-remote)", "ms", pollNanos / 1e6);
            results.add(c, NOOP, "of which checking the cluster for drift", "ms", ms - pollNanos / 1e6);
            results.add(c, NOOP, "kustos requests", "req", used.total());
            results.add(c, NOOP, "kustos reads", "req", used.reads());
            results.add(c, NOOP, "kustos writes (incl. dry runs, events)", "req", used.writes() + used.dryRuns() + used.events());
            results.add(c, NOOP, "git ref listings (info/refs, ls-refs)", "req",
                    ws.git.requests(GitHttpServer.Service.INFO_REFS) + ws.git.requests(GitHttpServer.Service.LS_REFS));
            results.add(c, NOOP, "git fetches (upload-pack)", "req", ws.git.requests(GitHttpServer.Service.UPLOAD_PACK));
        }
    }

    void oneKeyChanged(int runs, int firstRun) {
        String env = ws.shape.environmentNames().get(0);
        for (int i = 0; i < runs; i++) {
            ws.config.commit("change " + SyntheticRepos.CHANGED_KEY, ws.synthetic.changedConfig(env, ws.shape.sharedService(0), (firstRun + i) + "s"));
            clients.counter().reset();
            ServerCounts before = cluster.counts();
            long t = System.nanoTime();
            var report = loop.runOnce().orElseThrow(() -> new IllegalStateException("the commit was not reconciled"));
            double ms = (System.nanoTime() - t) / 1e6;
            ServerCounts used = cluster.counts().minus(before);
            if (report.failed()) {
                throw new IllegalStateException("the one-key change failed: " + report.firstError().getMessage());
            }
            String c = cluster.name();
            results.add(c, ONE_KEY, "kustos wall (incl. waiting for 3 rollouts)", "ms", ms);
            results.add(c, ONE_KEY, "kustos writes at server (objects + history)", "req", used.writes());
            results.add(c, ONE_KEY, "kustos dry runs at server", "req", used.dryRuns());
            results.add(c, ONE_KEY, "kustos events at server", "req", used.events());
            results.add(c, ONE_KEY, "kustos reads at server", "req", used.reads());
            ClientCounts.of(clients.counter()).addTo(results, c, ONE_KEY);
        }
    }

    @Override
    public void close() {
        clients.close();
    }
}
