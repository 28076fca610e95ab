package io.kustos.cli;

import io.kustos.decrypt.age.AgeIdentity;
import io.kustos.decrypt.age.AgeIdentityFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kustos keygen} writes an identity file like age-keygen: to stdout, or to a new 0600 file. */
class KeygenCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new KeygenCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void writesAnAgeKeygenStyleIdentityToStdout() {
        assertEquals(0, run());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].matches("# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"), lines[0]);
        assertTrue(lines[1].matches("# public key: age1[0-9a-z]{58}"), lines[1]);
        assertTrue(lines[2].startsWith("AGE-SECRET-KEY-1"), "third line is the identity");
        String recipient = lines[1].substring("# public key: ".length());
        List<AgeIdentity> parsed = AgeIdentityFile.parse("stdout", out.toString());
        assertEquals(recipient, parsed.get(0).recipient());
        assertEquals("Public key: " + recipient + "\n", err.toString());
    }

    @Test
    void writesANew0600FileAndNeverOverwrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("age.key");
        assertEquals(0, run("--output", file.toString()));
        assertEquals("", out.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String content = Files.readString(file);
        String recipient = AgeIdentityFile.read(file).get(0).recipient();
        assertTrue(content.contains("# public key: " + recipient + "\n"));
        assertTrue(err.toString().contains("Public key: " + recipient));

        assertEquals(ExitCodes.USAGE, run("-o", file.toString()));
        assertEquals(content, Files.readString(file));
        assertTrue(err.toString().contains(file + " already exists; not overwriting it"), err.toString());
    }
}
