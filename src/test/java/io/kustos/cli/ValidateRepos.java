package io.kustos.cli;

import io.kustos.decrypt.age.X25519Identity;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Working trees of a clean config repo ({@code config/}, with a .sops.yaml and a Secret encrypted
 * for a key made for the test) and release repo ({@code releases/}) for the {@code kustos validate}
 * tests, and a way to run validate on them in process.
 */
final class ValidateRepos {
    static final String SECRET_VALUE = "sk_live_do-not-print-me";
    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: api-config
            data:
              LOG_LEVEL: info
              PORT: "8080"
            """;
    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: api-secrets
            stringData:
              STRIPE_KEY: %s
            """.formatted(SECRET_VALUE);
    static final String RELEASE = """
            apiVersion: kustos.io/v1
            kind: Release
            environment: staging
            workloads:
              - name: api
                containers:
                  api: registry.example.com/api:1.2.3
            hooks:
              preDeploy:
                - name: migrate
                  workload: api
                  command: [migrate]
            """;

    final Path root;
    final Path config;
    final Path releases;
    final Path key;

    /** The clean repos under {@code root}. */
    ValidateRepos(Path root) {
        this.root = root;
        this.config = root.resolve("config");
        this.releases = root.resolve("releases");
        this.key = root.resolve("age.key");
        var identity = X25519Identity.generate(new SecureRandom());
        write(key, identity.encodeSecret() + "\n");
        write(config.resolve(".sops.yaml"), """
                creation_rules:
                  - path_regex: environments/.*secret.*\\.yaml$
                    encrypted_regex: ^(data|stringData)$
                    age: %s
                """.formatted(identity.recipient()));
        write(config.resolve("environments/staging/api/config.yaml"), CONFIG_MAP);
        encrypt("environments/staging/api/secrets.yaml", SECRET);
        write(releases.resolve("environments/staging/release.yaml"), RELEASE);
    }

    /** Writes {@code text} to {@code path} of the config repo and encrypts it in place with the repo's rule. */
    void encrypt(String path, String text) {
        Path file = config.resolve(path);
        write(file, text);
        int code = new CommandLine(new EncryptCommand(List.of(), Map.of())).execute("--in-place", file.toString());
        if (code != 0) {
            throw new IllegalStateException("kustos encrypt exited " + code);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one run of validate printed and returned. */
    record Run(int code, String out, String err) {
        /** Everything the run printed, for what must never appear. */
        String all() {
            return out + err;
        }
    }

    /** {@code kustos validate ARGS} without keys, unless ARGS give one; no kustos.yaml unless ARGS name one. */
    Run validate(String... args) {
        return validate(Map.of(), args);
    }

    /** The same, with {@code env} as the environment variables (SOPS_AGE_KEY_FILE). */
    Run validate(Map<String, String> env, String... args) {
        var all = new ArrayList<>(List.of(args));
        if (!all.contains("-c")) {
            all.addAll(0, List.of("-c", root.resolve("no-kustos.yaml").toString()));
        }
        return run(env, all.toArray(String[]::new));
    }

    /** {@code kustos validate ARGS} with the key of the repos' Secrets. */
    Run validateWithKey(String... args) {
        var all = new ArrayList<>(List.of("--key", key.toString()));
        all.addAll(List.of(args));
        return validate(all.toArray(String[]::new));
    }

    /**
     * {@code kustos validate ARGS} without -c, as if run in a directory holding {@code kustosYaml}
     * as its kustos.yaml (-c's default).
     */
    Run validateBeside(Path kustosYaml, String... args) {
        return run(Map.of(), kustosYaml, args);
    }

    private static Run run(Map<String, String> env, String... args) {
        return run(env, null, args);
    }

    private static Run run(Map<String, String> env, Path defaultConfig, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var command = new CommandLine(new ValidateCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8)));
            if (defaultConfig != null) {
                command.setDefaultValueProvider(a -> a instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--config")
                        ? defaultConfig.toString() : null);
            }
            int code = command.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }
}
