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

    /** review13 B2: only a certain answer is given; any other git (Nix's, a shim, /usr/local's) is asked by JGit. */
    @Test
    void theFileIsSetOnlyWhereGitsAnswerIsCertain() throws IOException {
        Path calls = tmp.resolve("calls");
        Path local = tmp.resolve("usr-local");
        git(local, calls);
        Path notExecutable = Files.createDirectories(tmp.resolve("other/bin")).resolve("git");
        Files.writeString(notExecutable, "");
        String path = tmp.resolve("empty") + File.pathSeparator + notExecutable.getParent() + File.pathSeparator + local.resolve("bin");

        assertNull(GitSystemConfig.onLinux(Map.of("PATH", path)::get),
                "a git under another prefix than /usr may read any file (Nix's reads /etc/gitconfig): JGit asks it");
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        Files.createSymbolicLink(shims.resolve("git"), local.resolve("bin/git"));
        assertNull(GitSystemConfig.onLinux(Map.of("PATH", shims.toString())::get), "a link into another tree: JGit asks");
        assertEquals(new GitSystemConfig.Known(new File("/opt/site/gitconfig")), GitSystemConfig.onLinux(
                Map.of("PATH", path, "GIT_CONFIG_SYSTEM", "/opt/site/gitconfig")::get), "GIT_CONFIG_SYSTEM names it (git 2.32+)");
        assertEquals(new GitSystemConfig.Known(null), GitSystemConfig.onLinux(Map.of("PATH", path, "GIT_CONFIG_SYSTEM", "")::get),
                "GIT_CONFIG_SYSTEM set but empty: git reads no system file");
        assertEquals(new GitSystemConfig.Known(null), GitSystemConfig.onLinux(Map.of("PATH", tmp.resolve("empty").toString())::get),
                "no git: no system config");
        assertEquals(new GitSystemConfig.Known(null), GitSystemConfig.onLinux(Map.<String, String>of()::get));
        assertFalse(Files.exists(calls), "git is not run");
    }

    @Test
    void theDistributionsGitReadsEtcGitconfigAlsoThroughALink() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "no /usr/bin/git here");
        GitSystemConfig.Known etc = new GitSystemConfig.Known(new File("/etc/gitconfig"));
        assertEquals(etc, GitSystemConfig.onLinux(Map.of("PATH", "/usr/bin:/bin")::get));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("git"), Path.of("/usr/bin/git"));
        assertEquals(etc, GitSystemConfig.onLinux(Map.of("PATH", bin.toString())::get), "a link to /usr/bin/git is that git");
    }

    /** What a fresh JVM (JGit keeps what it found for the process) reads as the system config's kustos.probe. */
    private String probeInAFreshJvm(Path gitPrefix, Map<String, String> env) throws Exception {
        Path output = tmp.resolve("output.txt");
        var pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadSystemConfigMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("PATH", gitPrefix.resolve("bin") + File.pathSeparator + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().keySet().removeAll(List.of("GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM"));
        pb.environment().putAll(env);
        Process child = pb.start();
        try {
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child did not finish");
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), printed);
            return printed.lines().filter(l -> l.startsWith("probe=")).findFirst().orElse(printed);
        } finally {
            child.destroyForcibly();
        }
    }

    /** In a JVM of its own: a file named by GIT_CONFIG_SYSTEM is read without running git; GIT_CONFIG_NOSYSTEM still skips it. */
    @Test
    void aFreshJvmReadsTheSystemConfigWithoutRunningGit() throws Exception {
        assumeTrue(GitSystemConfig.isLinux(), "Linux only");
        Path calls = tmp.resolve("calls");
        Path prefix = git(tmp.resolve("prefix"), calls).getParent().getParent();
        Path config = tmp.resolve("site-gitconfig");
        Files.writeString(config, "[kustos]\n\tprobe = from-the-system-config\n");

        assertEquals("probe=from-the-system-config", probeInAFreshJvm(prefix, Map.of("GIT_CONFIG_SYSTEM", config.toString())));
        assertFalse(Files.exists(calls), "JGit ran git: " + (Files.exists(calls) ? Files.readString(calls) : ""));
        assertEquals("probe=null", probeInAFreshJvm(prefix, Map.of("GIT_CONFIG_SYSTEM", config.toString(), "GIT_CONFIG_NOSYSTEM", "1")),
                "GIT_CONFIG_NOSYSTEM: no system config");
        assertFalse(Files.exists(calls), "JGit ran git: " + (Files.exists(calls) ? Files.readString(calls) : ""));
    }

    /** review13 B2: a git not known to read /etc/gitconfig (here under a prefix of its own) is still asked, as JGit did. */
    @Test
    void aFreshJvmAsksAGitOfAnotherPrefix() throws Exception {
        assumeTrue(GitSystemConfig.isLinux(), "Linux only");
        Path calls = tmp.resolve("calls");
        Path prefix = git(tmp.resolve("prefix"), calls).getParent().getParent();
        Files.writeString(Files.createDirectories(prefix.resolve("etc")).resolve("gitconfig"), "[kustos]\n\tprobe = a-guess\n");
        probeInAFreshJvm(prefix, Map.of());
        assertTrue(Files.exists(calls) && Files.readString(calls).contains("config --system"), "JGit asked the git on the PATH");
    }
}
