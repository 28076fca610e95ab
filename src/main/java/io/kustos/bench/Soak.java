package io.kustos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.history.HistoryStore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code kustos bench soak}: {@code kustos run} as its own process, driven by webhook through
 * random commits ({@link SoakCommits}). After each commit it waits until {@code /status} shows the
 * daemon's verdict on the new heads (applied, the bad environment refused, or the force push
 * refused): no fixed wait, and every commit is seen. Every {@code auditEvery} commits it reads each
 * environment's history ({@link SoakLedger}) and, if asked, the daemon's RSS after a full GC. At the
 * end, with the daemon stopped, {@code kustos diff} must find the cluster equal to git.
 */
final class Soak {
    static final int HISTORY_LIMIT = 50;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    /** @param measureRss sample the daemon's RSS after a full GC (jcmd) every {@code auditEvery} commits */
    record Settings(int commits, long seed, int auditEvery, boolean measureRss) {
    }

    private final Settings settings;
    private final PrintStream log;

    Soak(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    SoakReport run(BenchWorkspace ws, BenchCluster cluster) {
        var report = new SoakReport(cluster.name(), settings);
        String prefix = ws.id + "-soak";
        List<String> namespaces = ws.namespaces(prefix);
        try {
            for (String ns : namespaces) {
                cluster.createNamespace(ns);
                cluster.createDeployments(ws.synthetic.deployments(ns));
            }
            int port = DaemonScenarios.freePort();
            Path yaml = ws.kustosYaml(prefix, "30s", port, HISTORY_LIMIT);
            byte[] secret = Files.readString(ws.webhookSecretFile).trim().getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            try (var daemon = new DaemonProcess(yaml, cluster.kubeconfig(), port, ws.dir.resolve("daemon-soak-" + cluster.name() + ".log"))) {
                daemon.awaitReady(Duration.ofMinutes(5));
                var ledger = new SoakLedger(ws, ws.config.head(), ws.releases.head());
                var commits = new SoakCommits(ws, settings.seed());
                sample(daemon, report, 0);
                for (int i = 1; i <= settings.commits() || commits.pending(); i++) {
                    SoakStep step = commits.next(i);
                    long t = System.nanoTime();
                    daemon.webhook(secret, null); // a step may commit to either repo (or both): the webhook that polls both
                    String refusedEnv = await(daemon, step, ledger, cluster, prefix);
                    report.step(step, (System.nanoTime() - t) / 1e6);
                    if (step.kind().expect() == SoakStep.Expect.APPLIED || step.kind().expect() == SoakStep.Expect.ENVIRONMENT_REFUSED) {
                        ledger.reached(step, refusedEnv);
                    }
                    if ((i % settings.auditEvery() == 0 || i >= settings.commits()) && !commits.pending()) {
                        audit(ws, cluster, prefix, ledger, report, i);
                        sample(daemon, report, i);
                    }
                    if (i % 50 == 0) {
                        log.printf("[%s] %d/%d commits, %.0f s%n", cluster.name(), i, settings.commits(), (System.nanoTime() - start) / 1e9);
                    }
                }
                audit(ws, cluster, prefix, ledger, report, -1);
                report.expectedRecords(ledger.expectedRecords());
            }
            report.seconds((System.nanoTime() - start) / 1e9);
            var diff = ProcessRun.run(KustosLauncher.command("diff", "--config", yaml.toString(), "--kubeconfig", cluster.kubeconfig().toString()), null, ws.dir);
            report.diff(diff.exit(), diff.stdout() + diff.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SoakFailure e) {
            report.failed(e.getMessage());
        } finally {
            for (String ns : namespaces) {
                cluster.admin().namespaces().withName(ns).delete();
            }
        }
        return report;
    }

    private void sample(DaemonProcess daemon, SoakReport report, int commit) {
        if (settings.measureRss()) {
            report.rss().add(commit, daemon.rssAfterGcMiB());
        }
    }

    private void audit(BenchWorkspace ws, BenchCluster cluster, String prefix, SoakLedger ledger, SoakReport report, int commit) {
        for (String env : ws.shape.environmentNames()) {
            var history = new HistoryStore(cluster.admin(), BenchWorkspace.namespace(prefix, env), env, HISTORY_LIMIT).load();
            for (String problem : ledger.audit(env, history, HISTORY_LIMIT)) {
                report.historyProblem((commit < 0 ? "at the end" : "after commit " + commit) + ": " + problem);
            }
        }
        report.audited();
    }

    /** Waits for the daemon's verdict on the step; @return the environment it refused (bad commits), else null. */
    private String await(DaemonProcess daemon, SoakStep step, SoakLedger ledger, BenchCluster cluster, String prefix) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            if (!daemon.alive()) {
                throw new SoakFailure(step, "the daemon exited", status);
            }
            status = daemon.status();
            if (status != null && reached(status, step, ledger)) {
                return verdict(status, step, cluster, prefix);
            }
            Sleep.millis(20);
        }
        throw new SoakFailure(step, "no verdict within " + STEP_TIMEOUT.toMinutes() + " min", status);
    }

    private static boolean reached(JsonNode status, SoakStep step, SoakLedger ledger) {
        JsonNode sources = status.path("sources");
        return switch (step.kind().expect()) {
            case APPLIED, ENVIRONMENT_REFUSED -> everyEnvironmentAt(status, step.config(), step.releases());
            case SOURCE_REFUSED -> !sources.path("ok").asBoolean(true) && sources.path("error").asText("").contains("allowForcePush");
            case SOURCE_OK -> sources.path("ok").asBoolean(false);
        };
    }

    private static boolean everyEnvironmentAt(JsonNode status, String config, String releases) {
        for (JsonNode e : status.path("environments")) {
            if (!e.path("revision").path("config").asText("").endsWith(config) || !e.path("revision").path("releases").asText("").endsWith(releases)) {
                return false;
            }
        }
        return true;
    }

    /** Checks the verdict is the expected one; throws {@link SoakFailure} otherwise. */
    private String verdict(JsonNode status, SoakStep step, BenchCluster cluster, String prefix) {
        var envs = status.path("environments");
        switch (step.kind().expect()) {
            case APPLIED -> envs.fields().forEachRemaining(e -> {
                if (!e.getValue().path("ok").asBoolean()) {
                    throw new SoakFailure(step, e.getKey() + " was not applied: " + e.getValue().path("error").asText(), status);
                }
            });
            case ENVIRONMENT_REFUSED -> envs.fields().forEachRemaining(e -> {
                if (e.getValue().path("ok").asBoolean() == e.getKey().equals(step.env())) {
                    throw new SoakFailure(step, e.getKey() + (e.getKey().equals(step.env()) ? " accepted the bad commit" : " failed: " + e.getValue().path("error").asText()), status);
                }
            });
            case SOURCE_REFUSED, SOURCE_OK -> {
                // the environments stay where they were: checked by the next step's heads and the audits
            }
        }
        if (step.held() != null) {
            var cm = cluster.admin().configMaps().inNamespace(BenchWorkspace.namespace(prefix, step.env())).withName(step.held().configMap()).get();
            String live = cm == null || cm.getData() == null ? null : cm.getData().get(step.held().key());
            boolean refused = step.kind() == SoakStep.Kind.BAD_COMMIT;
            if (step.held().value().equals(live) == refused) {
                throw new SoakFailure(step, step.env() + "/" + step.held().configMap() + " " + step.held().key() + " is " + live
                        + (refused ? ": the refused commit's value reached the cluster" : ": the fix did not apply the held value " + step.held().value()), status);
            }
        }
        return step.kind().expect() == SoakStep.Expect.ENVIRONMENT_REFUSED ? step.env() : null;
    }

    /** The daemon did not do what the step expects: the run stops, the report names the step. */
    static final class SoakFailure extends RuntimeException {
        SoakFailure(SoakStep step, String what, JsonNode status) {
            super("step " + step.index() + " (" + step.kind() + ": " + step.description() + "; " + step.revisions() + "): " + what
                    + (status == null ? "" : "\n/status: " + status));
        }
    }
}
