package io.kustos.cli;

import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.decrypt.sops.CreationRules;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Warm decryption of a typical SOPS Secret file (six values, one age recipient) in Kustos, beside
 * {@code age -d} opening the same file's data key, in one run. Every key and value is generated
 * for the run; nothing decrypted is written anywhere.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Warm SOPS decryption of a typical Secret file, beside `age -d` on the same data key.")
final class DecryptBenchmark implements Callable<Integer> {
    @Option(names = "--iterations", defaultValue = "2000", description = "Kustos decryptions measured (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--age-runs", defaultValue = "30", description = "`age -d` runs measured (default: ${DEFAULT-VALUE}).")
    int ageRuns;

    @Override
    public Integer call() throws Exception {
        var random = new SecureRandom();
        var identity = X25519Identity.generate(random);
        Path dir = Files.createTempDirectory("kustos-bench-");
        try {
            Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n    age: "
                    + identity.recipient() + "\n");
            Path file = dir.resolve("secrets.yaml");
            var rule = CreationRules.load(dir.resolve(".sops.yaml")).forFile(file).orElseThrow();
            byte[] encrypted = new SopsEncryptor(KeyRing.of(List.of(), List.of(), null))
                    .encrypt(file.toString(), typicalSecret(random), SopsFormat.YAML, rule);
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
            System.out.printf("Warm decryption of a typical Secret file (6 values, %d bytes encrypted, one age recipient)%n", encrypted.length);
            System.out.printf("  kustos, in process, warm   median %7.3f ms   p90 %7.3f ms   (%d files)%n",
                    ms(percentile(kustos, 50)), ms(percentile(kustos, 90)), iterations);
            long[] age = ageRuns(dir, keyFile, new String(encrypted, StandardCharsets.UTF_8));
            if (age == null) {
                System.out.println("  age -d                     not measured: `age` is not on PATH (apt-get install age)");
                return ExitCodes.OK;
            }
            System.out.printf("  age -d, same data key      median %7.3f ms   p90 %7.3f ms   (%d runs, one process each)%n",
                    ms(percentile(age, 50)), ms(percentile(age, 90)), age.length);
            System.out.printf("  ratio (age -d / kustos, medians): %.1fx%n", (double) percentile(age, 50) / percentile(kustos, 50));
            System.out.println("  Kustos decrypts in a long-running process; age -d pays for starting a process each time.");
            return ExitCodes.OK;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private long[] ageRuns(Path dir, Path keyFile, String encrypted) throws Exception {
        if (!onPath("age")) {
            return null;
        }
        var m = Pattern.compile("(-----BEGIN AGE ENCRYPTED FILE-----.*?-----END AGE ENCRYPTED FILE-----)", Pattern.DOTALL).matcher(encrypted);
        if (!m.find()) {
            throw new IllegalStateException("no age stanza in the encrypted file");
        }
        Path enc = dir.resolve("datakey.age");
        Files.writeString(enc, m.group(1).replaceAll("(?m)^\\s+", "") + "\n");
        long[] times = new long[ageRuns];
        for (int i = -3; i < ageRuns; i++) {
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

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] typicalSecret(SecureRandom random) {
        var values = new ArrayList<String>();
        values.add("DATABASE_URL: \"postgres://app:" + hex(random, 16) + "@db.internal:5432/app\"");
        values.add("DATABASE_PASSWORD: \"" + hex(random, 24) + "\"");
        values.add("API_TOKEN: \"" + hex(random, 32) + "\"");
        values.add("WEBHOOK_SECRET: \"" + hex(random, 20) + "\"");
        values.add("SMTP_PASSWORD: \"" + hex(random, 16) + "\"");
        values.add("TLS_KEY: |\n    " + String.join("\n    ", chunks(java.util.Base64.getEncoder().encodeToString(bytes(random, 900)))));
        return ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\nstringData:\n  "
                + String.join("\n  ", values) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> chunks(String s) {
        var out = new ArrayList<String>();
        for (int i = 0; i < s.length(); i += 64) {
            out.add(s.substring(i, Math.min(s.length(), i + 64)));
        }
        return out;
    }

    private static String hex(SecureRandom r, int bytes) {
        return HexFormat.of().formatHex(bytes(r, bytes));
    }

    private static byte[] bytes(SecureRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
