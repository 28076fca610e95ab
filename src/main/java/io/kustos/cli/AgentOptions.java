package io.kustos.cli;

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
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "kustos.yaml",
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
