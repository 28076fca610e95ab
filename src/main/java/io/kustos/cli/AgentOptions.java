package io.kustos.cli;

import io.kustos.agent.Agent;
import io.kustos.cluster.ClientWarmUp;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.failure.FailureReason;
import io.kustos.reconcile.ReconcileReport;
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

    /** kustos.yaml with only the targets {@code selection} names (all when it names none): exit 3 for a name it lacks. */
    KustosConfig load(io.kustos.config.EnvironmentSelection selection) {
        return selection.applyTo(load(), config.toString());
    }

    /** The one target a command that acts on one environment acts on (see {@link io.kustos.config.EnvironmentSelection#one}). */
    io.kustos.config.Target target(KustosConfig cfg, io.kustos.config.EnvironmentSelection selection, String command) {
        return selection.one(cfg, config.toString(), command);
    }

    /** The agent {@code cfg} describes, on {@code clients} (which the caller closes). */
    Agent agent(KustosConfig cfg, ClusterClients clients) {
        return new Agent(cfg, clients);
    }

    ClusterClients clients() {
        return new ClusterClients(kubeconfig, context);
    }

    /**
     * Polls both sources once and reconciles their heads for the environments {@code selection}
     * names (all when it names none; exit 3 for a name kustos.yaml lacks); {@code apply} false
     * only computes the diff. The others are neither read nor written, but an environment that
     * follows one of them ({@code after:}) still reads its history.
     */
    ReconcileReport reconcileOnce(io.kustos.config.EnvironmentSelection selection, ClusterClients clients, boolean apply, boolean retry) {
        return reconcileOnce(selection, clients, apply, retry, io.kustos.reconcile.WriteLockPolicy.command("apply"));
    }

    /**
     * What merging {@code configRef} and {@code releasesRef} (null: the configured branch; with one repo
     * for both, either names both: {@link PreviewRefs}) would do to the environments {@code selection}
     * names, against their clusters; writes nothing. The refs
     * fetched for it are dropped from the preview clones when it ends.
     */
    io.kustos.reconcile.preview.PreviewReport previewOnce(io.kustos.config.EnvironmentSelection selection, ClusterClients clients,
                                                          io.kustos.source.PreviewRef configRef, io.kustos.source.PreviewRef releasesRef) {
        KustosConfig cfg = load();
        var selected = selection.targets(cfg, config.toString());
        var refs = PreviewRefs.of(cfg.sources(), config.toString(), configRef, releasesRef);
        var agent = agent(cfg, clients);
        try {
            var heads = agent.sources().preview(refs.config(), refs.releases());
            return agent.reconciler().select(selected).preview(heads.config(), heads.releases());
        } finally {
            agent.sources().forget(refs.config(), refs.releases());
        }
    }

    /** @param locks how each environment's write lock is taken before writing */
    ReconcileReport reconcileOnce(io.kustos.config.EnvironmentSelection selection, ClusterClients clients, boolean apply, boolean retry,
                                  io.kustos.reconcile.WriteLockPolicy locks) {
        KustosConfig cfg = load();
        var selected = selection.targets(cfg, config.toString());
        var agent = agent(cfg, clients);
        try (var warmUp = ClientWarmUp.start(clients, selected)) { // the clients made ready while git is polled
            var polled = agent.sources().poll();
            return agent.reconciler()
                    .select(selected)
                    .lockingAs(locks)
                    .reconcile(polled.config().snapshot(), polled.releases().snapshot(), apply, retry);
        }
    }
}
