package io.kustos.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18 point 1: JGit learns where git's system-wide config is without running git (it ran {@code git --version} and
 * {@code git config --system ...} twice per apply), and still reads what that file sets (docs/benchmarks.md "CLI start").
 */
class GitSystemConfigTest {
    @TempDir
    Path tmp;

    /** A stand-in git under {@code prefix/bin} that writes down each call to {@code calls}, then runs the real one if any. */
    private Path git(Path prefix, Path calls) throws IOException {
        Path git = Files.createDirectories(prefix.resolve("bin")).resolve("git");
        Files.writeString(git, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n[ -x /usr/bin/git ] && exec /usr/bin/git \"$@\"\nexit 1\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        return git;
    }

    @Test
    void theFileGitIsBuiltToReadFromWhereGitIs() throws IOException {
        Path calls = tmp.resolve("calls");
        Path local = tmp.resolve("usr-local");
        git(local, calls);
        Path notExecutable = Files.createDirectories(tmp.resolve("other/bin")).resolve("git");
        Files.writeString(notExecutable, "");
        String path = tmp.resolve("empty") + File.pathSeparator + notExecutable.getParent() + File.pathSeparator + local.resolve("bin");

        assertEquals(local.resolve("etc/gitconfig").toFile(), GitSystemConfig.onLinux(Map.of("PATH", path)::get),
                "a git under another prefix than /usr reads <prefix>/etc/gitconfig");
        assertEquals(new File("/opt/site/gitconfig"), GitSystemConfig.onLinux(
                Map.of("PATH", path, "GIT_CONFIG_SYSTEM", "/opt/site/gitconfig")::get), "GIT_CONFIG_SYSTEM names it (git 2.32+)");
        assertNull(GitSystemConfig.onLinux(Map.of("PATH", tmp.resolve("empty").toString())::get), "no git: no system config");
        assertNull(GitSystemConfig.onLinux(Map.<String, String>of()::get));
        Path libexec = Files.createDirectories(tmp.resolve("libexec/git-core"));
        Files.copy(local.resolve("bin/git"), libexec.resolve("git"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        assertEquals(new File("/etc/gitconfig"), GitSystemConfig.onLinux(Map.of("PATH", libexec.toString())::get));
        assertFalse(Files.exists(calls), "git is not run");
    }

    @Test
    void theDistributionsGitReadsEtcGitconfig() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "no /usr/bin/git here");
        assertEquals(new File("/etc/gitconfig"), GitSystemConfig.onLinux(Map.of("PATH", "/usr/bin:/bin")::get));
    }

    /** In a JVM of its own (JGit keeps what it found for the process): the setting is read, and git is never run. */
    @Test
    void aFreshJvmReadsTheSystemConfigWithoutRunningGit() throws Exception {
        assumeTrue(GitSystemConfig.isLinux(), "Linux only");
        Path calls = tmp.resolve("calls");
        Path prefix = tmp.resolve("prefix");
        git(prefix, calls);
        Files.writeString(Files.createDirectories(prefix.resolve("etc")).resolve("gitconfig"), "[kustos]\n\tprobe = from-the-system-config\n");
        Path output = tmp.resolve("output.txt");
        var pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadSystemConfigMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("PATH", prefix.resolve("bin") + File.pathSeparator + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().keySet().removeAll(List.of("GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM"));
        Process child = pb.start();
        try {
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child did not finish");
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), printed);
            assertTrue(printed.contains("probe=from-the-system-config"), printed);
            assertFalse(Files.exists(calls), "JGit ran git: " + (Files.exists(calls) ? Files.readString(calls) : ""));
        } finally {
            child.destroyForcibly();
        }
    }
}
