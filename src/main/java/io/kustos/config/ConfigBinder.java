package io.kustos.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KustosConfig} from the tree of kustos.yaml: reads every section, checks every
 * value, and leaves the defaults to the records. Targets are read by {@link TargetsBinder}.
 */
final class ConfigBinder {
    static final String SOPS_AGE_KEY_FILE = "SOPS_AGE_KEY_FILE";
    static final String DEFAULT_CACHE_DIR = ".kustos-cache";

    private ConfigBinder() {
    }

    static KustosConfig bind(ConfigNode root, Map<String, String> env) {
        Duration interval = root.quietDuration("sync", "interval", Sync.DEFAULT.interval()); // reported by sync() when bad
        Sources sources = sources(root, interval);
        Decryption decryption = decryption(root.mapping("decryption", Decryption.class), env, root.fileName());
        List<Target> targets = TargetsBinder.targets(root);
        Sync sync = sync(root.mapping("sync", Sync.class));
        ConfigNode historyNode = root.mapping("history", HistorySettings.class);
        HistorySettings history = historyNode == null ? null
                : new HistorySettings(historyNode.integer("limit", 1, 1000));
        Server server = DaemonBinder.server(root.mapping("server", Server.class));
        Path cacheDir = root.has("cacheDir") ? root.path("cacheDir") : root.resolve(DEFAULT_CACHE_DIR);
        LeaderElection leaderElection = DaemonBinder.leaderElection(root.mapping("leaderElection", LeaderElection.class));
        Sharding sharding = DaemonBinder.sharding(root.mapping("sharding", Sharding.class));
        if (sharding != null && sharding.enabled() && leaderElection != null && leaderElection.enabled()) {
            root.problem("sharding.enabled", "cannot be enabled together with leaderElection: with sharding every replica reconciles its "
                    + "own share of the environments; turn leaderElection off (or sharding, to keep one leader)");
        }
        return new KustosConfig(sources, decryption, targets, sync, history, server, cacheDir, leaderElection,
                DaemonBinder.notifications(root.mapping("notifications", Notifications.class)),
                PreviewsBinder.previews(root.mapping("previews", PullRequestPreviews.class)), sharding);
    }

    private static Sources sources(ConfigNode root, Duration interval) {
        if (!root.has("sources")) {
            root.problem("sources", "required (config and releases, each with a url)");
            return null;
        }
        ConfigNode node = root.mapping("sources", Sources.class);
        return node == null ? null : new Sources(source(node, "config", interval), source(node, "releases", interval));
    }

    private static SourceSpec source(ConfigNode sources, String name, Duration interval) {
        if (!sources.has(name)) {
            sources.problem(name, "required (a mapping with a url)");
            return null;
        }
        ConfigNode node = sources.mapping(name, SourceSpec.class);
        if (node == null) {
            return null;
        }
        SourceUrl url = url(node);
        String branch = node.string("branch");
        if (branch != null && !NameRules.isBranchName(branch)) {
            node.problem("branch", "\"" + branch + "\" is not a valid git branch name");
        }
        GitAuth auth = auth(node.mapping("auth", GitAuth.class), url);
        SignatureVerification verify = verify(node.mapping("verify", SignatureVerification.class));
        Duration timeout = GitTimeoutRule.timeout(node, interval);
        return new SourceSpec(url == null ? null : url.url(), branch, auth, verify, timeout,
                Boolean.TRUE.equals(node.bool("allowForcePush")));
    }

    private static SignatureVerification verify(ConfigNode node) {
        if (node == null) {
            return null;
        }
        List<Path> files = node.paths("trustedKeyFiles");
        if (!node.has("trustedKeyFiles") || files != null && !node.hasItems("trustedKeyFiles")) {
            node.problem("trustedKeyFiles", "required: at least one file of armored OpenPGP public keys");
        }
        return new SignatureVerification(files);
    }

    private static SourceUrl url(ConfigNode source) {
        String text = source.string("url");
        if (text == null) {
            if (!source.has("url")) {
                source.problem("url", "required");
            }
            return null;
        }
        try {
            return SourceUrl.parse(text, source);
        } catch (IllegalArgumentException e) {
            source.problem("url", e.getMessage());
            return null;
        }
    }

    private static GitAuth auth(ConfigNode node, SourceUrl url) {
        if (node == null) {
            return null;
        }
        Boolean insecure = node.bool("insecureIgnoreHostKey");
        GitAuth auth = new GitAuth(node.string("username"), node.path("passwordFile"), node.path("tokenFile"),
                node.path("sshKeyFile"), node.path("knownHostsFile"), Boolean.TRUE.equals(insecure));
        if (auth.passwordFile() != null && auth.tokenFile() != null) {
            node.problem("set passwordFile or tokenFile, not both");
        }
        if (auth.knownHostsFile() != null && auth.insecureIgnoreHostKey()) {
            node.problem("set knownHostsFile or insecureIgnoreHostKey, not both");
        }
        if (url != null && url.transport() == SourceUrl.Transport.SSH) {
            onlyFor(node, auth.passwordFile(), "passwordFile", "http(s)://");
            onlyFor(node, auth.tokenFile(), "tokenFile", "http(s)://");
        } else if (url != null) {
            onlyFor(node, auth.sshKeyFile(), "sshKeyFile", "ssh:// and git@host:path");
            onlyFor(node, auth.knownHostsFile(), "knownHostsFile", "ssh:// and git@host:path");
            onlyFor(node, insecure, "insecureIgnoreHostKey", "ssh:// and git@host:path");
        }
        return auth;
    }

    private static void onlyFor(ConfigNode auth, Object value, String field, String urls) {
        if (value != null) {
            auth.problem(field, "only used with " + urls + " URLs");
        }
    }

    private static Decryption decryption(ConfigNode node, Map<String, String> env, String file) {
        Path ageKeyFile = node == null ? null : node.path("ageKeyFile");
        List<Path> pgpKeyFiles = node == null ? null : node.paths("pgpKeyFiles");
        Path passphraseFile = node == null ? null : node.path("pgpPassphraseFile");
        String fromEnv = env.get(SOPS_AGE_KEY_FILE);
        boolean fromEnvironment = ageKeyFile == null && (node == null || !node.has("ageKeyFile")) && fromEnv != null && !fromEnv.isBlank();
        if (fromEnvironment) {
            ageKeyFile = Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return new Decryption(ageKeyFile, pgpKeyFiles, passphraseFile, fromEnvironment, file);
    }

    private static Sync sync(ConfigNode node) {
        if (node == null) {
            return null;
        }
        Duration second = Duration.ofSeconds(1);
        return new Sync(node.duration("interval", second, "1s"), node.bool("prune"), node.bool("selfHeal"),
                node.bool("rollbackOnFailure"), node.duration("rolloutTimeout", second, "1s"), node.bool("force"),
                node.bool("allowPruneAll"), node.integer("concurrency", 1, Sync.MAX_CONCURRENCY),
                node.integer("environmentConcurrency", 1, Sync.MAX_ENVIRONMENT_CONCURRENCY),
                writeLock(node.mapping("writeLock", WriteLock.class)));
    }

    private static WriteLock writeLock(ConfigNode node) {
        if (node == null) {
            return null;
        }
        Duration renewEvery = node.duration("renewEvery", Duration.ofMillis(100), "100ms");
        var lock = new WriteLock(node.wholeSeconds("leaseDuration", Duration.ofSeconds(1), "1s"), renewEvery);
        if (lock.renewEvery().multipliedBy(2).compareTo(lock.leaseDuration()) <= 0) {
            return lock;
        }
        if (renewEvery == null) {
            node.problem("leaseDuration", "must be at least twice renewEvery, which is not set and defaults to "
                    + lock.renewEvery().toSeconds() + "s: set leaseDuration to " + lock.renewEvery().multipliedBy(2).toSeconds()
                    + "s or more, or set renewEvery to at most half of it");
        } else {
            node.problem("renewEvery", "must be at most half of leaseDuration (" + lock.leaseDuration().toSeconds()
                    + "s), so that a renewal that fails once is retried before the lock expires");
        }
        return lock;
    }
}
