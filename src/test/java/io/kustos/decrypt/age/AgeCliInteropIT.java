package io.kustos.decrypt.age;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kustos.cli.KeygenCommand;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kustos and the real {@code age}/{@code age-keygen} (Debian package {@code age}) read each
 * other's files: keys from age-keygen open data keys age encrypted, in Kustos; data keys Kustos
 * wraps open with {@code age -d}. Keys are generated per test.
 */
class AgeCliInteropIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void ageIsInstalled() {
        assumeTrue(onPath("age") && onPath("age-keygen"),
                "the age CLI (age, age-keygen) is not on PATH; install the Debian package 'age' to run these tests");
    }

    @Test
    void aDataKeyEncryptedByAgeOpensInKustos(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("age.key");
        run(null, "age-keygen", "-o", keyFile.toString());
        String recipient = new String(run(null, "age-keygen", "-y", keyFile.toString()), StandardCharsets.US_ASCII).strip();
        byte[] dataKey = random(32);
        Path plain = Files.write(dir.resolve("plain"), dataKey);
        String armored = new String(run(null, "age", "-r", X25519Identity.generate(RANDOM).recipient(),
                "-r", recipient, "-a", plain.toString()), StandardCharsets.US_ASCII);

        AgeMasterKeys keyring = new AgeMasterKeys(List.of(keyFile));
        assertEquals(recipient, AgeIdentityFile.read(keyFile).get(0).recipient());
        assertArrayEquals(dataKey, keyring.unwrap(Map.of("recipient", recipient, "enc", armored)).orElseThrow());
    }

    @Test
    void aDataKeyWrappedByKustosOpensWithAgeDashD(@TempDir Path dir) throws Exception {
        X25519Identity identity = X25519Identity.generate(RANDOM);
        Path keyFile = writePrivate(dir.resolve("kustos.key"), "# public key: " + identity.recipient() + "\n"
                + identity.encodeSecret() + "\n");
        assertEquals(identity.recipient(),
                new String(run(null, "age-keygen", "-y", keyFile.toString()), StandardCharsets.US_ASCII).strip());

        byte[] dataKey = random(32);
        String enc = AgeMasterKeys.of(List.of(identity)).wrap(dataKey, identity.recipient()).get("enc");
        Path encrypted = Files.writeString(dir.resolve("key.age"), enc);
        assertArrayEquals(dataKey, run(null, "age", "-d", "-i", keyFile.toString(), encrypted.toString()));
    }

    @Test
    void aFileForSeveralRecipientsOpensWithAgeForEach(@TempDir Path dir) throws Exception {
        List<X25519Identity> identities = List.of(X25519Identity.generate(RANDOM), X25519Identity.generate(RANDOM));
        byte[] plaintext = random(150_000); // three STREAM chunks
        byte[] file = new AgeEncrypter(identities.stream().map(X25519Identity::toRecipient).toList()).encrypt(plaintext);
        Path encrypted = Files.write(dir.resolve("big.age"), file);
        for (int i = 0; i < identities.size(); i++) {
            Path keyFile = writePrivate(dir.resolve("k" + i), identities.get(i).encodeSecret() + "\n");
            assertArrayEquals(plaintext, run(null, "age", "-d", "-i", keyFile.toString(), encrypted.toString()));
        }
    }

    @Test
    void anIdentityFromKustosKeygenWorksWithAge(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("kustos-keygen.key");
        CommandLine keygen = new CommandLine(new KeygenCommand());
        keygen.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, keygen.execute("--output", keyFile.toString()));
        String recipient = new String(run(null, "age-keygen", "-y", keyFile.toString()), StandardCharsets.US_ASCII).strip();
        assertEquals(AgeIdentityFile.read(keyFile).get(0).recipient(), recipient);

        byte[] dataKey = random(32);
        String armored = new String(run(dataKey, "age", "-r", recipient, "-a"), StandardCharsets.US_ASCII);
        assertArrayEquals(dataKey, new AgeMasterKeys(List.of(keyFile))
                .unwrap(Map.of("recipient", recipient, "enc", armored)).orElseThrow());
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    private static byte[] run(byte[] stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(List.of(command).get(0) + " failed with exit " + p.exitValue() + ": " + err);
        }
        return out;
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }
}
