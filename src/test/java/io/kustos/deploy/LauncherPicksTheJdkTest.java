package io.kustos.deploy;

import io.kustos.testsupport.LauncherScriptOnly;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 1: the launcher ({@code ./kustos}) runs the short commands on a JDK 25+ when there is one (its AOT
 * cache starts them sooner; docs/benchmarks.md "CLI start"): KUSTOS_JAVA_HOME first; a JAVA_HOME that is set, whatever
 * its version (review14 S1: its trust store and settings are the user's), or JVM options meant for the PATH's java,
 * keep that JDK; else the newest JDK 25+ in KUSTOS_JDK_DIRS (default /usr/lib/jvm) by its whole version, a release before
 * an early-access build (review14 S10). The daemon and the other long-lived commands keep JAVA_HOME's or the PATH's.
 * The command is the first argument that is no option ({@code kustos -v apply}), as Main reads it; an @file is not
 * looked into (review14 S2). Stand-in JDKs ({@link StandInJdk}) write down their calls, each to a file of its own, so
 * no JVM starts. The java on the PATH is the stand-in JDK 17's.
 */
@LauncherScriptOnly
class LauncherPicksTheJdkTest {
    @TempDir
    Path tmp;

    private Path launcher;
    private Path jar;
    private Path jdk17;
    private Path jdk25;
    private Path jvms;
    private final List<Path> jdks = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        launcher = Files.copy(Path.of("kustos"), checkout.resolve("kustos"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = Files.createDirectories(checkout.resolve("target")).resolve("kustos.jar");
        Files.writeString(jar, "a jar");
        jdk17 = jdk(tmp.resolve("jdk-17"), "17.0.15");
        jvms = Files.createDirectories(tmp.resolve("jvm"));
        jdk(jvms.resolve("java-21-openjdk"), "21.0.4");
        jdk25 = jdk(jvms.resolve("temurin-25-jdk"), "25.0.3");
        Files.createDirectories(jvms.resolve("not-a-jdk"));
        Files.writeString(jvms.resolve("a-file"), "");
    }

    private Path jdk(Path home, String version) throws IOException {
        jdks.add(home);
        return StandInJdk.at(home, version, calls(home));
    }

    private Path calls(Path jdk) {
        return tmp.resolve("calls-" + jdk.getFileName());
    }

    /** The JDK that ran {@code args} (the one whose stand-in java was called), checked to be the only one called. */
    private Path ran(Map<String, String> env, String... args) throws Exception {
        for (Path jdk : jdks) {
            Files.deleteIfExists(calls(jdk));
        }
        var command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        var pb = launcherProcess(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().put("KUSTOS_JDK_DIRS", tmp.resolve("no-such-dir") + ":" + jvms);
        pb.environment().put("KUSTOS_CDS", "off");
        pb.environment().putAll(env);
        assertEquals(0, pb.start().waitFor(), Files.readString(tmp.resolve("out")));
        List<Path> called = new ArrayList<>();
        for (Path jdk : jdks) {
            if (Files.exists(calls(jdk))) {
                called.add(jdk);
            }
        }
        assertEquals(1, called.size(), "one JDK runs the command: " + called);
        return called.get(0);
    }

    /** The launcher with no JAVA_HOME, no JVM options and no KUSTOS_JAVA_HOME, the stand-in JDK 17's java first on the PATH. */
    private ProcessBuilder launcherProcess(List<String> command) {
        var pb = new ProcessBuilder(command);
        pb.environment().keySet().removeAll(List.of("JAVA_HOME", "KUSTOS_JAVA_OPTS", "KUSTOS_JAVA_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "KUSTOS_WHICH_JAVA"));
        pb.environment().put("PATH", jdk17.resolve("bin") + ":" + System.getenv("PATH"));
        return pb;
    }

    private String lastCall(Path jdk) throws IOException {
        List<String> lines = Files.readAllLines(calls(jdk));
        return lines.get(lines.size() - 1);
    }

    @Test
    void shortCommandsRunOnTheJdk25ThatIsThereAndTheDaemonOnJavaHomes() throws Exception {
        for (String command : List.of("apply", "diff", "validate", "version", "history")) {
            assertEquals(jdk25, ran(Map.of(), command), command);
        }
        assertTrue(lastCall(jdk25).endsWith("-XX:CompileThresholdScaling=4 -jar " + jar + " history"), lastCall(jdk25));
        for (String command : List.of("run", "cluster", "demo", "bench")) {
            assertEquals(jdk17, ran(Map.of(), command), command + " keeps the PATH's JDK (the daemon's memory: docs/benchmarks.md)");
        }
        assertEquals(jdk17, ran(Map.of("KUSTOS_JDK_DIRS", ""), "apply"), "no JDK 25 anywhere: the PATH's, as ever");
    }

    /** review14 S1: a JAVA_HOME the user set is the JDK of every command, whatever its version, as for ./mvnw. */
    @Test
    void kustosJavaHomeComesFirstThenJavaHomeWhateverItsVersion() throws Exception {
        assertEquals(jdk17, ran(Map.of("KUSTOS_JAVA_HOME", jdk17.toString()), "apply"), "the override");
        Path ownJdk25 = jdk(tmp.resolve("jdk-25.0.1"), "25.0.1");
        assertEquals(ownJdk25, ran(Map.of("JAVA_HOME", ownJdk25.toString()), "diff"), "JAVA_HOME's JDK 25 before one found elsewhere");
        Path jdk24 = jdk(tmp.resolve("jdk-24"), "24.0.2");
        assertEquals(jdk24, ran(Map.of("JAVA_HOME", jdk24.toString()), "diff"), "JAVA_HOME's JDK 24: its trust store, its settings");
        assertEquals(jdk24, ran(Map.of("JAVA_HOME", jdk24.toString()), "run"));
        assertEquals(jdk25, ran(Map.of("JAVA_HOME", jdk24.toString(), "KUSTOS_JAVA_HOME", jdk25.toString()), "diff"), "the override, for the short ones");
    }

    /** review14 S1: JVM options meant for the PATH's java keep it (a flag Java 25 refuses would stop every short command). */
    @Test
    void jvmOptionsKeepThePathsJava() throws Exception {
        for (String options : List.of("KUSTOS_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            assertEquals(jdk17, ran(Map.of(options, "-Xss1m"), "apply"), options);
        }
        // review15 N8: a blank KUSTOS_JAVA_OPTS means the default flags (README), so no JVM options: JDK 25 still
        assertEquals(jdk25, ran(Map.of("KUSTOS_JAVA_OPTS", " \t"), "apply"), "blank KUSTOS_JAVA_OPTS");
    }

    /** review14 S10: the newest by the whole version, a release before an early-access build, whatever the names' order. */
    @Test
    void theNewestReleaseIsChosenByItsWholeVersion() throws Exception {
        Path older = jdk(jvms.resolve("a-jdk-25"), "25.0.1"); // first by name
        assertEquals(jdk25, ran(Map.of(), "diff"), "25.0.3 before 25.0.1");
        Path newer = jdk(jvms.resolve("b-jdk-25"), "25.0.10");
        assertEquals(newer, ran(Map.of(), "diff"), "25.0.10 before 25.0.3 (not as text)");
        jdk(jvms.resolve("jdk-27-ea"), "27-ea");
        assertEquals(newer, ran(Map.of(), "diff"), "a release before an early-access build");
        Path jdk26 = jdk(jvms.resolve("jdk-26"), "26");
        assertEquals(jdk26, ran(Map.of(), "diff"), "the newest release");
        assertNotEquals(older, jdk26);
    }

    /** review14 S2: picocli reads the arguments from an @file; the launcher does not look into it: the PATH's JDK, the default flags. */
    @Test
    void anAtFileIsAnUnknownCommand() throws Exception {
        assertEquals(jdk17, ran(Map.of(), "@daemon.args"));
        String call = lastCall(jdk17);
        assertTrue(call.endsWith(" -jar " + jar + " @daemon.args"), call);
        assertFalse(call.contains("CompileThresholdScaling") || call.contains("MaxNewSize=6m"), "no command's own flags: " + call);
    }

    /** review12a #8: {@code kustos -v apply} is apply (its JDK, its flags, and it writes the cache), {@code kustos -vv run} the daemon. */
    @Test
    void optionsBeforeTheCommandDoNotHideIt() throws Exception {
        Path cache = tmp.resolve("cache");
        assertEquals(jdk25, ran(Map.of("KUSTOS_CDS", "on", "KUSTOS_CDS_DIR", cache.toString(), "KUSTOS_CDS_MIN_FREE_KB", "1",
                "KUSTOS_CDS_WAIT", "1"), "-v", "apply", "--config", "kustos.yaml"));
        String record = Files.readAllLines(calls(jdk25)).get(0);
        assertTrue(record.contains("-XX:CompileThresholdScaling=4 ") && record.contains("-XX:AOTMode=record ")
                && record.endsWith("-jar " + jar + " -v apply --config kustos.yaml"), record);
        try (var files = Files.list(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".aot")), "the first -v apply made the cache");
        }
        assertEquals(jdk17, ran(Map.of(), "-vv", "run", "--config", "kustos.yaml"));
        assertTrue(lastCall(jdk17).contains(" -XX:MaxNewSize=6m -XX:MaxHeapFreeRatio=10 -XX:CompileThresholdScaling=4 -jar "), "the daemon's flags: " + lastCall(jdk17));
        assertEquals(jdk25, ran(Map.of(), "--verbose", "validate"));
        assertEquals(jdk25, ran(Map.of(), "--help"), "no command: the usage, a short run");
    }

    /** review13 N1: an empty folder in KUSTOS_JDK_DIRS (a::b, a leading or trailing colon) is none, not / (the scan of /*). */
    @Test
    void anEmptyEntryInKustosJdkDirsScansNoFolder() throws Exception {
        var pb = launcherProcess(List.of("bash", "-x", launcher.toString(), "version")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("trace").toFile());
        pb.environment().put("KUSTOS_JDK_DIRS", ":" + jvms + "::");
        pb.environment().put("KUSTOS_CDS", "off");
        assertEquals(0, pb.start().waitFor(), Files.readString(tmp.resolve("trace")));
        assertTrue(Files.exists(calls(jdk25)), "the JDK 25 in the named folder runs it");
        List<String> rootScan = Files.readAllLines(tmp.resolve("trace")).stream()
                .filter(l -> l.matches(".*\\[\\[ -x /[^/ ]+/bin/java \\]\\].*")).toList();
        assertEquals(List.of(), rootScan, "no folder of / is looked at");
    }

    /**
     * review13 S2: KUSTOS_WHICH_JAVA=1 prints the java a command would run on (the benchmark records it) and runs none; review14
     * N2: not even a build of a missing or stale jar (this checkout has no ./mvnw: a build would fail the run).
     */
    @Test
    void itTellsWhichJavaACommandRunsOn() throws Exception {
        Files.delete(jar);
        for (var command : Map.of("apply", jdk25.resolve("bin/java").toString(), "run", "java").entrySet()) {
            var pb = launcherProcess(List.of("bash", launcher.toString(), command.getKey())).redirectOutput(tmp.resolve("which").toFile());
            pb.environment().put("KUSTOS_JDK_DIRS", jvms.toString());
            pb.environment().put("KUSTOS_WHICH_JAVA", "1");
            assertEquals(0, pb.start().waitFor());
            assertEquals(command.getValue(), Files.readString(tmp.resolve("which")).trim(), command.getKey());
        }
        for (Path jdk : jdks) {
            assertFalse(Files.exists(calls(jdk)), "no JDK ran: " + jdk);
        }
    }
}
