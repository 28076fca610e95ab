package io.kustos.bench;

import io.kustos.decrypt.age.X25519Identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The benchmark's repos, served over git smart HTTP on 127.0.0.1 (so git traffic is counted at
 * the server), the age key they are encrypted for, a webhook secret, and the kustos.yaml files
 * that point Kustos at them. Everything is generated under one directory, deleted at the end.
 */
final class BenchWorkspace implements AutoCloseable {
    final BenchShape shape;
    final Path dir;
    final SyntheticRepos synthetic;
    final BenchRepo config;
    final BenchRepo releases;
    final GitHttpServer git;
    final Path keyFile;
    final Path webhookSecretFile;
    /** Four letters that keep this run's namespaces apart from earlier runs' on the same cluster. */
    final String id;
    private int files;

    BenchWorkspace(BenchShape shape, Path dir) {
        this.shape = shape;
        this.dir = dir;
        var random = new SecureRandom();
        this.id = "b" + Integer.toString(random.nextInt(36 * 36 * 36), 36);
        this.synthetic = new SyntheticRepos(shape, X25519Identity.generate(random), random);
        try {
            Path repos = Files.createDirectories(dir.resolve("repos"));
            this.config = BenchRepo.create(repos, "config");
            this.releases = BenchRepo.create(repos, "releases");
            config.commit("synthetic config: " + shape.objects() + " objects", synthetic.configFiles());
            releases.commit("synthetic releases: " + shape.workloads() + " workloads", synthetic.releaseFiles());
            this.git = GitHttpServer.start(repos);
            this.keyFile = secretFile("age.key", synthetic.identityFile());
            byte[] webhook = new byte[32];
            random.nextBytes(webhook);
            this.webhookSecretFile = secretFile("webhook-secret", HexFormat.of().formatHex(webhook));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The namespace of {@code env} for one placement ({@code prefix}: one per run and tool). */
    static String namespace(String prefix, String env) {
        return prefix + "-" + env;
    }

    List<String> namespaces(String prefix) {
        return shape.environmentNames().stream().map(e -> namespace(prefix, e)).toList();
    }

    /**
     * Writes a kustos.yaml syncing every environment into the namespaces of {@code prefix}, with its
     * own empty cache (so the first apply clones), polling every {@code interval}, and the daemon's
     * server on {@code port} (0: none needed).
     */
    Path kustosYaml(String prefix, String interval, int port) {
        return kustosYaml(prefix, interval, port, 20);
    }

    /** As {@link #kustosYaml(String, String, int)}, keeping {@code historyLimit} records per environment. */
    Path kustosYaml(String prefix, String interval, int port, int historyLimit) {
        return kustosYaml(prefix, interval, port, historyLimit, "");
    }

    /** As {@link #kustosYaml(String, String, int, int)}, with {@code extra} (whole lines of YAML, e.g. a sharding block) at the end. */
    Path kustosYaml(String prefix, String interval, int port, int historyLimit, String extra) {
        var sb = new StringBuilder();
        sb.append("sources:\n  config:   { url: ").append(git.url(config.name())).append(", branch: main }\n");
        sb.append("  releases: { url: ").append(git.url(releases.name())).append(", branch: main }\n");
        sb.append("decryption: { ageKeyFile: ").append(keyFile).append(" }\ntargets:\n");
        for (String env : shape.environmentNames()) {
            sb.append("  - { environment: ").append(env).append(", namespace: ").append(namespace(prefix, env)).append(" }\n");
        }
        sb.append("sync: { interval: ").append(interval).append(", prune: true, selfHeal: true, rollbackOnFailure: true, rolloutTimeout: 5m }\n");
        sb.append("history: { limit: ").append(historyLimit).append(" }\n");
        sb.append("server: { port: ").append(port == 0 ? 8080 : port).append(", webhookSecretFile: ").append(webhookSecretFile).append(" }\n");
        sb.append("cacheDir: ").append(dir.resolve("cache-" + prefix + "-" + (++files))).append('\n');
        sb.append(extra);
        try {
            return Files.writeString(dir.resolve("kustos-" + prefix + "-" + files + ".yaml"), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a process's output beside the repos (kept with --keep). Kustos's output holds no secret values. */
    void log(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path secretFile(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    @Override
    public void close() {
        git.close();
        config.close();
        releases.close();
    }
}
