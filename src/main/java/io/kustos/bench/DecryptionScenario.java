package io.kustos.bench;

import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.decrypt.sops.CreationRules;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Warm decryption of a typical SOPS Secret file ({@link TypicalSecret}, one age recipient) in
 * Kustos, beside {@code age -d} opening the same file's data key, in one run. Keys and values are
 * generated for the run; only the throwaway key and the encrypted data key are written (to a
 * temporary directory, deleted at the end); nothing decrypted is.
 */
public final class DecryptionScenario {
    /** Per-file times in nanoseconds; {@code age} is null when the age CLI is not on PATH. */
    public record Timings(long[] kustos, long[] age, int encryptedBytes) {
    }

    private DecryptionScenario() {
    }

    public static Timings measure(int iterations, int ageRuns) {
        var random = new SecureRandom();
        var identity = X25519Identity.generate(random);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kustos-bench-");
            Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n    age: "
                    + identity.recipient() + "\n");
            Path file = dir.resolve("secrets.yaml");
            var rule = CreationRules.load(dir.resolve(".sops.yaml")).forFile(file).orElseThrow();
            byte[] encrypted = new SopsEncryptor(KeyRing.of(List.of(), List.of(), null))
                    .encrypt(file.toString(), TypicalSecret.yaml("app-secrets", random), SopsFormat.YAML, rule);
            Path keyFile = dir.resolve("age.key");
            Files.writeString(keyFile, identity.encodeSecret() + "\n");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            var decryptor = new SopsDecryptor(KeyRing.of(List.of(keyFile), List.of(), null));
            for (int i = 0; i < Math.max(200, iterations / 5); i++) {
                decryptor.decrypt("secrets.yaml", encrypted);
            }
            long[] kustos = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long t = System.nanoTime();
                decryptor.decrypt("secrets.yaml", encrypted);
                kustos[i] = System.nanoTime() - t;
            }
            return new Timings(kustos, ageRuns(dir, keyFile, new String(encrypted, StandardCharsets.UTF_8), ageRuns), encrypted.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            delete(dir);
        }
    }

    private static long[] ageRuns(Path dir, Path keyFile, String encrypted, int runs) throws IOException, InterruptedException {
        if (!onPath("age")) {
            return null;
        }
        var m = Pattern.compile("(-----BEGIN AGE ENCRYPTED FILE-----.*?-----END AGE ENCRYPTED FILE-----)", Pattern.DOTALL).matcher(encrypted);
        if (!m.find()) {
            throw new IllegalStateException("no age stanza in the encrypted file");
        }
        Path enc = dir.resolve("datakey.age");
        Files.writeString(enc, m.group(1).replaceAll("(?m)^\\s+", "") + "\n");
        long[] times = new long[runs];
        for (int i = -3; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("age", "-d", "-i", keyFile.toString(), enc.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] key = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || key.length != 32) {
                throw new IllegalStateException("age -d did not open the data key");
            }
            Arrays.fill(key, (byte) 0);
            if (i >= 0) {
                times[i] = System.nanoTime() - t;
            }
        }
        return times;
    }

    public static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
            Files.delete(dir);
        } catch (IOException e) {
            // a temporary directory left behind holds no plaintext
        }
    }

    /** Adds the figures to {@code results} under cluster "local". */
    static void addTo(Results results, Timings t) {
        for (long k : t.kustos()) {
            results.add("local", "decryption", "kustos ms per file (warm, in process)", "ms", k / 1e6);
        }
        var s = results.get("local", "decryption", "kustos ms per file (warm, in process)");
        results.add("local", "decryption", "kustos files per second", "files/s", 1000.0 / s.median());
        if (t.age() != null) {
            for (long a : t.age()) {
                results.add("local", "decryption", "age -d ms per data key (one process each)", "ms", a / 1e6);
            }
            results.add("local", "decryption", "age -d files per second", "files/s",
                    1000.0 / results.get("local", "decryption", "age -d ms per data key (one process each)").median());
        } else {
            results.note("decryption", "age -d not measured: `age` is not on PATH (apt-get install age)");
        }
    }
}
