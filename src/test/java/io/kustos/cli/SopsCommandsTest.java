package io.kustos.cli;

import io.kustos.decrypt.pgp.TestPgpKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kustos decrypt / encrypt / updatekeys: output, exit codes, symlinks refused. */
class SopsCommandsTest {
    private static final Path INTEROP = io.kustos.testsupport.SharedDir.resolve("interop", "sops");
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(command).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static DecryptCommand decrypt() {
        return new DecryptCommand(List.of(), Map.of(), null);
    }

    @Test
    void decryptPrintsThePlaintextAndConvertsToJson() {
        String key = INTEROP.resolve("sops_functional_tests_key.asc").toString();
        var yaml = run(decrypt(), INTEROP.resolve("format.enc.yaml").toString(), "--key", key);
        assertEquals(0, yaml.code(), yaml.err());
        assertEquals("foo: bar\n", yaml.out());
        var json = run(decrypt(), INTEROP.resolve("example.yaml").toString(), "--key", key, "--output-type", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"myapp1\": \"t00m4nys3cr3tzupdated\""), json.out());
    }

    @Test
    void aSymlinkedFileIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("secret.yaml"), INTEROP.resolve("format.enc.yaml").toAbsolutePath());
        var r = run(decrypt(), link.toString(), "--key", INTEROP.resolve("sops_functional_tests_key.asc").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains(link + ": is a symlink; Kustos reads only regular files"), r.err());
        assertFalse(r.out().contains("bar"));
    }

    @Test
    void aWrongKeyExitsThreeNamingFileAndKind() {
        var other = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        Path k = write("other.asc", other.armoredSecret());
        var r = run(decrypt(), INTEROP.resolve("example.yaml").toString(), "--key", k.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("example.yaml: key error at sops: no master key"), r.err());
    }

    @Test
    void badCommandLinesExitTwo() {
        assertEquals(2, run(decrypt()).code());
        assertEquals(2, run(decrypt(), "x.yaml", "--output-type", "xml").code());
        assertEquals(2, run(new EncryptCommand(), "x.yaml", "--in-place", "--output", "y").code());
    }

    @Test
    void encryptFollowsSopsYamlAndUpdateKeysRewraps() throws Exception {
        var first = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        var second = TestPgpKeys.generate(TestPgpKeys.Algorithm.RSA, null);
        Path k1 = write("first.asc", first.armoredSecret());
        Path k2pub = write("second.pub.asc", second.armoredPublic());
        Path k2 = write("second.asc", second.armoredSecret());
        write(".sops.yaml", "creation_rules:\n  - path_regex: env/.*secret.*\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    pgp: "
                + first.fingerprint() + "\n");
        Files.createDirectories(dir.resolve("env"));
        Path file = write("env/secret.yaml", "kind: Secret\nstringData:\n    PASSWORD: s3cr3t\n");
        var enc = run(new EncryptCommand(List.of(), Map.of()), file.toString(), "--in-place", "--key", k1.toString());
        assertEquals(0, enc.code(), enc.err());
        String encrypted = Files.readString(file);
        assertTrue(encrypted.startsWith("kind: Secret\nstringData:\n    PASSWORD: ENC[AES256_GCM,data:"), encrypted);
        assertTrue(encrypted.contains("    encrypted_regex: ^(data|stringData)$\n") && encrypted.contains(first.fingerprint()));

        write(".sops.yaml", "creation_rules:\n  - pgp: " + first.fingerprint() + "," + second.fingerprint() + "\n");
        var up = run(new UpdateKeysCommand(List.of(), Map.of()), file.toString(), "--key", k1.toString(), "--key", k2pub.toString());
        assertEquals(0, up.code(), up.err());
        var dec = run(decrypt(), file.toString(), "--key", k2.toString());
        assertEquals(0, dec.code(), dec.err());
        assertEquals("kind: Secret\nstringData:\n    PASSWORD: s3cr3t\n", dec.out());
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
