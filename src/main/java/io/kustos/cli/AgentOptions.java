package io.kustos.cli;

import io.kustos.failure.FailureReason;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.decrypt.Decryptor;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.RevisionReconciler;
import io.kustos.reconcile.SourcePoller;
import io.kustos.render.Renderer;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command that talks to the repos and the cluster shares. */
public final class AgentOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "kustos.yaml",
            description = "The agent's configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Use this kubeconfig for every target instead of the targets' own.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Use this kubeconfig context for every target.")
    String context;

    KustosConfig load() {
        return ConfigLoader.load(config);
    }

    /** The target named {@code environment}, or the only one when none is named. */
    static io.kustos.config.Target target(KustosConfig cfg, String environment) {
        if (environment == null) {
            if (cfg.targets().size() != 1) {
                throw new io.kustos.failure.StallingException("name the environment with --environment (one of: "
                        + String.join(", ", cfg.targets().stream().map(io.kustos.config.Target::environment).toList()) + ")",
                        FailureReason.INVALID_INPUT);
            }
            return cfg.targets().get(0);
        }
        return cfg.targets().stream().filter(t -> t.environment().equals(environment)).findFirst()
                .orElseThrow(() -> new io.kustos.failure.StallingException("no target for environment " + environment + " in kustos.yaml",
                        FailureReason.INVALID_INPUT));
    }

    io.kustos.history.HistoryStore history(KustosConfig cfg, ClusterClients clients, io.kustos.config.Target t) {
        return new io.kustos.history.HistoryStore(clients.forTarget(t), t.namespace(), t.environment(), cfg.history().limit());
    }

    ClusterClients clients() {
        return new ClusterClients(kubeconfig, context);
    }

    /** Polls both sources once and reconciles their heads; {@code apply} false only computes the diff. */
    ReconcileReport reconcileOnce(ClusterClients clients, boolean apply, boolean retry) {
        KustosConfig cfg = load();
        var sources = new SourcePoller(cfg);
        var polled = sources.poll();
        return new RevisionReconciler(cfg, new Renderer(io.kustos.decrypt.KeyRing.decryptor(cfg.decryption())), clients, sources, RevisionReconciler.POLL)
                .reconcile(polled.config().snapshot(), polled.releases().snapshot(), apply, retry);
    }
}
