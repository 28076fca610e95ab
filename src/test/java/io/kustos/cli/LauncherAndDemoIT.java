package io.kustos.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The README's first command, run as a user runs it: the launcher script, the jar, the demo. */
class LauncherAndDemoIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    record Result(int exit, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("kustos").toString()));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        // the JDK of this test run (CI's Java 17 pass, then its Java 25 pass) for every command, not a JDK 25 the launcher
        // would pick for the short ones (LauncherPicksTheJdkTest)
        pb.environment().put("KUSTOS_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "kustos " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoAppliesAConfigChangeAndAVersionBumpAndEndsWithZeroWrites() throws Exception {
        Result r = run("demo");
        assertEquals(0, r.exit(), r.output());
        String out = r.output();
        assertTrue(out.contains("+ configmap/staging/tungsten-config: created with"), out);
        assertTrue(out.contains("+ secret/production/tungsten-secrets: created with"), out);
        assertTrue(out.contains("~ configmap/staging/tungsten-config: LOG_LEVEL changed (\"debug\" -> \"warn\")"), out);
        assertTrue(out.matches("(?s).*~ secret/staging/tungsten-secrets: API_TOKEN changed \\(hmac:[0-9a-f]{8} -> hmac:[0-9a-f]{8}\\).*"), out);
        assertTrue(out.contains("~ deployment/staging/tungsten: image tungsten registry.example.com/karix/tungsten:2.4.0 -> registry.example.com/karix/tungsten:2.4.1"), out);
        assertTrue(out.contains("writes to the API server: 0"), out);
        assertTrue(out.contains("Demo finished: every step applied as shown."), out);
        assertFalse(out.contains("example-staging-api-token"), "a secret value from the example repo was printed");
        showsTheBadCommitsDiffBeforeTheRollbackAndLeavesNoFolderBehind(out);
    }

    /** One demo run checks this too: the demo takes a while. */
    private static void showsTheBadCommitsDiffBeforeTheRollbackAndLeavesNoFolderBehind(String out) {
        var folder = java.util.regex.Pattern.compile("working folder (\\S+), deleted at the end\\)").matcher(out);
        assertTrue(folder.find(), out);
        assertFalse(java.nio.file.Files.exists(Path.of(folder.group(1))), "the demo left " + folder.group(1) + " behind");
        String badStep = out.substring(out.indexOf("A bad version is committed"), out.indexOf("The failed revision is not retried"));
        int diff = badStep.indexOf("$ kustos diff");
        int apply = badStep.indexOf("$ kustos apply");
        assertTrue(diff >= 0 && diff < apply, "the diff comes before the apply:\n" + badStep);
        assertTrue(badStep.substring(diff, apply).contains("+        image: registry.example.com/karix/cobalt:1.0.0-crashloop"),
                "the bad commit's diff:\n" + badStep);
        assertTrue(badStep.substring(apply).contains("rolled back to"), badStep);
    }

    @Test
    void versionAndHelpWork() throws Exception {
        Result v = run("version");
        assertEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains("kustos 0.1.0-SNAPSHOT"), v.output());
        Result help = run("--help");
        assertEquals(0, help.exit());
        for (String sub : List.of("diff", "apply", "run", "demo", "cluster", "completion", "version")) {
            assertTrue(help.output().contains("  " + sub + " "), sub + " missing from:\n" + help.output());
            assertEquals(0, run(sub, "--help").exit(), sub + " --help");
        }
        assertEquals(2, run("apply", "--no-such-option").exit());
    }
}
