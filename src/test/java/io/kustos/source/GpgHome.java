package io.kustos.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away GnuPG home for interop tests: runs {@code gpg} and {@code git} with it; stops its agent on close. */
final class GpgHome implements AutoCloseable {
    record Run(int exit, String out, String err) {
    }

    private final Path home;

    private GpgHome(Path home) {
        this.home = home;
    }

    static GpgHome create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return new GpgHome(dir);
    }

    Run run(String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        cmd.addAll(List.of(args));
        Run r = exec(cmd, null);
        if (r.exit() != 0) {
            throw new IllegalStateException("gpg failed: " + r);
        }
        return r;
    }

    Run git(Path dir, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, dir);
    }

    private Run exec(List<String> cmd, Path dir) throws Exception {
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("GNUPGHOME", home.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        exec(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"), null);
    }
}
