package io.kustos.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The agent's configuration, read once from kustos.yaml and validated at start-up
 * ({@link ConfigLoader}). Immutable; every field has a default except the sources and targets.
 *
 * @param cacheDir       where git clones are kept; default {@code .kustos-cache} beside kustos.yaml
 * @param leaderElection the daemon's leader election; default off
 * @param sharding       the daemon's sharding of the environments among replicas; default off
 * @param notifications  the daemon's notifications; default none
 * @param previews       the daemon's pull request previews; null when off
 */
public record KustosConfig(Sources sources, Decryption decryption, List<Target> targets, Sync sync,
                           HistorySettings history, Server server, Path cacheDir,
                           LeaderElection leaderElection, Notifications notifications,
                           PullRequestPreviews previews, Sharding sharding) {
    public KustosConfig {
        decryption = decryption == null ? Decryption.NONE : decryption;
        targets = targets == null ? List.of() : List.copyOf(targets);
        sync = sync == null ? Sync.DEFAULT : sync;
        history = history == null ? HistorySettings.DEFAULT : history;
        server = server == null ? Server.DEFAULT : server;
        leaderElection = leaderElection == null ? LeaderElection.DEFAULT : leaderElection;
        notifications = notifications == null ? Notifications.NONE : notifications;
        sharding = sharding == null ? Sharding.DEFAULT : sharding;
    }

    /** The same configuration with only these targets ({@link EnvironmentSelection}). */
    public KustosConfig withTargets(List<Target> selected) {
        return new KustosConfig(sources, decryption, selected, sync, history, server, cacheDir, leaderElection, notifications, previews, sharding);
    }

    public Target target(String environment) {
        return targets.stream().filter(t -> t.environment().equals(environment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target for environment " + environment));
    }
}
