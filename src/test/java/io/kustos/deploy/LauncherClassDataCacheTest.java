package io.kustos.deploy;

import io.kustos.testsupport.LauncherScriptOnly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 1: the launcher ({@code ./kustos}) keeps a class-data cache per jar and JVM
 * (README "Start-up"): the first apply or diff writes it, every later command maps it, a rebuilt
 * jar gets a new one, and a cache that cannot be written only costs speed. Run with a stand-in
 * {@code java} that writes down its arguments (and the files the real one would write), so no JVM
 * starts.
 */
@LauncherScriptOnly
class LauncherClassDataCacheTest {
    @TempDir
    Path tmp;

    private Path checkout;
    private Path jar;
    private Path javaHome;
    private Path calls;
    /** The stand-in java's exit code: 1, diff's "there are differences", a run that did its work. */
    private String exitCode = "1";

    private void setUp(String javaVersion) throws IOException {
        checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(Path.of("kustos"), checkout.resolve("kustos"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = Files.createDirectories(checkout.resolve("target")).resolve("kustos.jar");
        Files.writeString(jar, "a jar");
        calls = tmp.resolve("calls");
        javaHome = jdk("jdk", javaVersion);
    }

    /** A stand-in JDK under {@code tmp/dir} ({@link StandInJdk}). */
    private Path jdk(String dir, String javaVersion) throws IOException {
        return StandInJdk.at(tmp.resolve(dir), javaVersion, calls);
    }

    /** Runs the launcher; returns its exit code. */
    private int kustos(Path cacheDir, String... args) throws Exception {
        return launcher(cacheDir, args).start().waitFor();
    }

    /** The launcher's command, with the stand-in JDK and a cache folder that counts as having room however full the disk is. */
    private ProcessBuilder launcher(Path cacheDir, String... args) {
        var command = new java.util.ArrayList<>(List.of("bash", checkout.resolve("kustos").toString()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().keySet().removeAll(List.of("KUSTOS_JAVA_OPTS", "KUSTOS_CDS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "KUSTOS_JAVA_HOME"));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("KUSTOS_JDK_DIRS", ""); // only JAVA_HOME's JDK, not a JDK 25 of the machine (LauncherPicksTheJdkTest)
        pb.environment().put("KUSTOS_CDS_DIR", cacheDir.toString());
        pb.environment().put("KUSTOS_CDS_MIN_FREE_KB", "1");
        pb.environment().put("FAKE_RC", exitCode);
        return pb;
    }

    /** Runs the launcher with KUSTOS_CDS_WAIT=1 (Java 25's cache made before it returns); returns its exit code. */
    private int kustosMakingItsCacheFirst(Path cacheDir, String... args) throws Exception {
        var pb = launcher(cacheDir, args);
        pb.environment().put("KUSTOS_CDS_WAIT", "1");
        return pb.start().waitFor();
    }

    private String lastCall() throws IOException {
        List<String> lines = Files.readAllLines(calls);
        return lines.get(lines.size() - 1);
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void theFirstApplyWritesTheCacheEveryLaterCommandMapsItAndARebuiltJarGetsANewOne() throws Exception {
        setUp("17.0.15");
        Path cache = tmp.resolve("cache");

        exitCode = "2";
        assertEquals(2, kustos(cache, "apply", "--no-such-option"), "the command's exit code");
        assertTrue(lastCall().contains("-XX:ArchiveClassesAtExit="), lastCall());
        assertEquals(List.of(), files(cache), "a usage error's run loaded too few classes to keep");
        assertEquals(2, kustos(cache, "apply", "--help"));
        assertFalse(lastCall().contains("-XX:ArchiveClassesAtExit="), "help is no training run: " + lastCall());
        exitCode = "1";

        assertEquals(1, kustos(cache, "version"), "the command's exit code");
        assertFalse(lastCall().contains("-XX:SharedArchiveFile") || lastCall().contains("-XX:ArchiveClassesAtExit"), lastCall());
        assertEquals(List.of(), files(cache), "only apply and diff write the cache");

        assertEquals(1, kustos(cache, "apply", "-c", "kustos.yaml"), "the command's exit code, not the archive's");
        assertTrue(lastCall().contains("-XX:ArchiveClassesAtExit=" + cache + "/.kustos-"), lastCall());
        assertTrue(lastCall().endsWith("-jar " + jar + " apply -c kustos.yaml"), lastCall());
        List<String> written = files(cache);
        assertEquals(1, written.size(), written.toString());
        String archive = written.get(0);
        assertTrue(archive.matches("kustos-\\d+-v17-\\d+\\.jsa"), archive);

        assertEquals(1, kustos(cache, "validate", "config"));
        assertTrue(lastCall().contains("-XX:SharedArchiveFile=" + cache.resolve(archive) + " -jar " + jar + " validate config"), lastCall());
        assertFalse(lastCall().contains("ArchiveClassesAtExit"), lastCall());

        Files.writeString(jar, "a rebuilt jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(1, kustos(cache, "version"));
        assertFalse(lastCall().contains("-XX:SharedArchiveFile"), "the archive of the former jar is not used: " + lastCall());
        assertEquals(1, kustos(cache, "diff"));
        assertTrue(lastCall().contains("-XX:ArchiveClassesAtExit="), lastCall());
        List<String> rewritten = files(cache);
        assertEquals(1, rewritten.size(), "the former jar's archive is removed: " + rewritten);
        assertNotEquals(archive, rewritten.get(0));
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsSpeed() throws Exception {
        setUp("17.0.15");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "");
        Path cache = aFile.resolve("cache"); // under a file: cannot be made

        assertEquals(1, kustos(cache, "apply"));
        assertFalse(lastCall().contains("Archive"), lastCall());
        assertTrue(lastCall().endsWith("-jar " + jar + " apply"), lastCall());

        Path ok = tmp.resolve("cache");
        assertEquals(1, kustos(ok, "apply"));
        assertEquals(1, files(ok).size());
        // KUSTOS_JAVA_OPTS that name their own archive or turn sharing off: the launcher adds none
        Files.delete(calls);
        var command = new ProcessBuilder("bash", checkout.resolve("kustos").toString(), "version").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out").toFile());
        command.environment().put("JAVA_HOME", javaHome.toString());
        command.environment().put("KUSTOS_JDK_DIRS", "");
        command.environment().remove("KUSTOS_JAVA_HOME");
        command.environment().put("KUSTOS_CDS_DIR", ok.toString());
        command.environment().put("KUSTOS_JAVA_OPTS", "-Xshare:off -Xmx64m");
        command.environment().put("KUSTOS_CDS_MIN_FREE_KB", "1");
        assertEquals(0, command.start().waitFor());
        assertEquals("-Xshare:off -Xmx64m -jar " + jar + " version", lastCall());

        // no HOME (some containers) and no cache folder named: no cache, the run as ever
        var homeless = new ProcessBuilder("bash", checkout.resolve("kustos").toString(), "apply").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out").toFile());
        homeless.environment().keySet().removeAll(List.of("HOME", "XDG_CACHE_HOME", "KUSTOS_CDS_DIR", "KUSTOS_JAVA_OPTS", "KUSTOS_CDS", "KUSTOS_JAVA_HOME"));
        homeless.environment().put("JAVA_HOME", javaHome.toString());
        homeless.environment().put("KUSTOS_JDK_DIRS", "");
        homeless.environment().put("FAKE_RC", "4"); // not bash's 1 for an unset variable
        assertEquals(4, homeless.start().waitFor(), Files.readString(tmp.resolve("out")));
        assertFalse(lastCall().contains("Archive"), lastCall());
    }

    @Test
    void onJava25ItRecordsTheRunAndMakesAnAotCacheInTheBackground() throws Exception {
        setUp("25.0.3");
        Path cache = tmp.resolve("cache");

        assertEquals(1, kustos(cache, "apply"));
        // the making of the cache may already have started in the background: the recording run is the first call
        String run = Files.readAllLines(calls).get(0);
        assertTrue(run.contains("-XX:AOTMode=record -XX:AOTConfiguration=" + cache + "/.kustos-") && run.endsWith("-jar " + jar + " apply"), run);
        await().atMost(Duration.ofSeconds(20)).until(() -> files(cache).stream().anyMatch(f -> f.matches("kustos-\\d+-v25-\\d+\\.aot")));
        await().atMost(Duration.ofSeconds(20)).until(() -> files(cache).size() == 1); // the recording removed

        assertEquals(1, kustos(cache, "diff"));
        assertTrue(lastCall().contains("-XX:AOTCache=" + cache.resolve(files(cache).get(0)) + " -jar " + jar + " diff"), lastCall());
    }

    /**
     * An AOT cache loads all its classes as the JVM starts: on Java 25, validate (fewer than half of apply's classes)
     * records and maps a cache of its own; every other command maps apply's, and neither removes the other's.
     */
    @Test
    void onJava25ValidateRecordsAndMapsACacheOfItsOwn() throws Exception {
        setUp("25.0.3");
        Path cache = tmp.resolve("cache");
        assertEquals(1, kustosMakingItsCacheFirst(cache, "apply"));
        String applys = onlyFile(cache);

        assertEquals(1, kustosMakingItsCacheFirst(cache, "validate", "config"), "the command's exit code");
        List<String> calls = Files.readAllLines(this.calls);
        String recording = calls.get(calls.size() - 2); // then the making of the cache
        assertTrue(recording.contains("-XX:AOTMode=record -XX:AOTConfiguration=" + cache + "/.kustos-") && recording.endsWith("-jar " + jar + " validate config"),
                recording);
        List<String> both = files(cache);
        assertEquals(2, both.size(), "apply's cache is kept beside validate's: " + both);
        String validates = both.stream().filter(f -> !f.equals(applys)).findFirst().orElseThrow();
        assertTrue(validates.matches("kustos-\\d+-validate-v25-\\d+\\.aot"), validates);

        assertEquals(1, kustos(cache, "validate", "config"));
        assertTrue(lastCall().contains("-XX:AOTCache=" + cache.resolve(validates) + " -jar " + jar + " validate config"), lastCall());
        for (String command : List.of("apply", "diff", "version")) {
            assertEquals(1, kustos(cache, command));
            assertTrue(lastCall().contains("-XX:AOTCache=" + cache.resolve(applys) + " -jar "), lastCall());
        }
        assertEquals(List.of(applys, validates).stream().sorted().toList(), files(cache));
    }

    @Test
    void eachJvmKeepsItsOwnCacheAndAJdkUpdatedInPlaceMakesANewOne() throws Exception {
        setUp("17.0.15");
        Path jdk17 = javaHome;
        Path jdk25 = jdk("jdk25", "25.0.3");
        Path cache = tmp.resolve("cache");

        assertEquals(1, kustos(cache, "apply"));
        String jsa = files(cache).get(0);
        javaHome = jdk25;
        assertEquals(1, kustos(cache, "apply"));
        await().atMost(Duration.ofSeconds(20)).until(() -> files(cache).stream().anyMatch(f -> f.endsWith(".aot")) && files(cache).size() == 2);
        assertTrue(files(cache).contains(jsa), "Java 25's cache does not replace Java 17's: " + files(cache));

        javaHome = jdk17;
        assertEquals(1, kustos(cache, "version"));
        assertTrue(lastCall().contains("-XX:SharedArchiveFile=" + cache.resolve(jsa)), "Java 17's cache is still used: " + lastCall());

        // the same JDK's path, updated in place (its libjvm and release file change, its bin/java may not)
        Files.writeString(jdk17.resolve("lib/server/libjvm.so"), "an updated libjvm");
        Files.setLastModifiedTime(jdk17.resolve("lib/server/libjvm.so"), FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(1, kustos(cache, "version"));
        assertFalse(lastCall().contains("-XX:SharedArchiveFile"), "the archive of the former JDK is not used: " + lastCall());
        assertEquals(1, kustos(cache, "apply"));
        assertTrue(lastCall().contains("-XX:ArchiveClassesAtExit="), lastCall());
        List<String> after = files(cache);
        assertEquals(2, after.size(), "the updated JDK's archive replaces its former one, Java 25's stays: " + after);
        assertFalse(after.contains(jsa), after.toString());

        // review11a W4: an update at a new path (SDKMAN's 17.0.16-tem, Temurin's jdk-17.0.16+8) is the same Java version, so
        // its archive replaces the former one rather than adding 50-70 MB per JDK path; a former launcher's name is swept
        String updated = after.stream().filter(f -> f.endsWith(".jsa")).findFirst().orElseThrow();
        String jarSum = updated.substring("kustos-".length(), updated.indexOf("-v17-"));
        Files.writeString(cache.resolve("kustos-" + jarSum + "-4242.jsa"), "a former launcher's archive");
        javaHome = jdk("jdk-17.0.16", "17.0.16");
        assertEquals(1, kustos(cache, "apply"));
        List<String> moved = files(cache);
        assertEquals(2, moved.size(), "one archive for Java 17 and Java 25's cache: " + moved);
        assertFalse(moved.contains(updated), moved.toString());
        assertTrue(moved.stream().anyMatch(f -> f.startsWith("kustos-" + jarSum + "-v17-") && f.endsWith(".jsa")), moved.toString());
    }

    @Test
    void theRoomNeededCanBeSet() throws Exception {
        setUp("17.0.15");
        Path cache = tmp.resolve("cache");
        var pb = launcher(cache, "apply");
        pb.environment().put("KUSTOS_CDS_MIN_FREE_KB", "999999999999");
        assertEquals(1, pb.start().waitFor());
        assertFalse(lastCall().contains("Archive"), "no disk has that much room: no archive " + lastCall());
        assertEquals(List.of(), files(cache));
    }

    @Test
    void ctrlCDuringTheRecordingRunExits130AndTheRunReadsTheUsersStdin() throws Exception {
        setUp("17.0.15");
        Path cache = tmp.resolve("cache");
        Path read = tmp.resolve("read");
        var pb = launcher(cache, "apply");
        pb.environment().put("FAKE_STDIN", read.toString());
        Process first = pb.start();
        try (var stdin = first.getOutputStream()) {
            stdin.write("the user's input\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(1, first.waitFor());
        assertTrue(lastCall().contains("-XX:ArchiveClassesAtExit="), lastCall());
        assertEquals("the user's input\n", Files.readString(read), "the recording run reads the launcher's stdin");

        Files.delete(calls);
        Files.list(cache).forEach(f -> f.toFile().delete());
        var slow = launcher(cache, "diff");
        // as from a terminal: a test run in the background (CI's `&`, nohup) starts with SIGINT ignored, which a script
        // can then neither trap nor reset (its Ctrl-C could not be tested); env gives the launcher the default back
        slow.command().addAll(0, List.of("env", "--default-signal=INT"));
        slow.environment().put("FAKE_SLEEP", "30");
        Process run = slow.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(calls) && !Files.readString(calls).isEmpty());
        assertTrue(lastCall().contains("-XX:ArchiveClassesAtExit="), lastCall());
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor());
        assertEquals(130, run.waitFor(), "exits as Ctrl-C ends a command");
        assertEquals(List.of(), files(cache), "an interrupted run's archive is not kept");
    }

    @Test
    void aBlankKustosJavaOptsMeansTheDefaults() throws Exception {
        setUp("17.0.15");
        var pb = launcher(tmp.resolve("cache"), "version");
        pb.environment().put("KUSTOS_JAVA_OPTS", "  ");
        assertEquals(1, pb.start().waitFor());
        assertTrue(lastCall().startsWith("-XX:+UseSerialGC "), "the launcher's flags: " + lastCall());
    }

    @Test
    void onJava23AndLaterNettysUseOfUnsafeIsAllowedWithoutAWarning() throws Exception {
        setUp("25.0.3");
        assertEquals(1, kustos(tmp.resolve("cache"), "version"));
        assertTrue(lastCall().contains(" --sun-misc-unsafe-memory-access=allow "), lastCall());
        javaHome = jdk("jdk17", "17.0.15");
        assertEquals(1, kustos(tmp.resolve("cache"), "version"));
        assertFalse(lastCall().contains("unsafe"), "Java 17 knows no such option: " + lastCall());
    }

    /** The benchmark measures runs after the first with the cache in place: KUSTOS_CDS_WAIT=1 makes Java 25's in the foreground. */
    @Test
    void kustosCdsWaitMakesTheAotCacheBeforeTheCommandReturns() throws Exception {
        setUp("25.0.3");
        Path cache = tmp.resolve("cache");
        var pb = launcher(cache, "apply");
        pb.environment().put("FAKE_CREATE_SECONDS", "2");
        pb.environment().put("KUSTOS_CDS_WAIT", "1");
        assertEquals(1, pb.start().waitFor(), "the command's exit code");
        List<String> made = files(cache);
        assertEquals(1, made.size(), made.toString());
        assertTrue(made.get(0).endsWith(".aot"), made.toString());
        assertEquals(1, kustos(cache, "diff"));
        assertTrue(lastCall().contains("-XX:AOTCache=" + cache.resolve(made.get(0))), lastCall());
    }

    /**
     * Short commands compile less (C1 after 4 times the calls: less CPU, docs/benchmarks.md "CLI start"); the daemon has
     * flags of its own (less memory); cluster, demo and bench, which live long enough to use the compiled code, have none;
     * and all map the one cache, as these flags are not in its key.
     * KUSTOS_JAVA_OPTS replaces it with the rest of the launcher's flags.
     */
    @Test
    void shortCommandsCompileLessAndShareTheCacheWithTheDaemon() throws Exception {
        setUp("17.0.15");
        Path cache = tmp.resolve("cache");
        String fewerCompilations = " -XX:CompileThresholdScaling=4 ";

        assertEquals(1, kustos(cache, "apply"));
        assertTrue(lastCall().contains(fewerCompilations), lastCall());
        List<String> written = files(cache);
        assertEquals(1, written.size(), written.toString());
        String maps = "-XX:SharedArchiveFile=" + cache.resolve(written.get(0)) + " -jar ";
        for (String command : List.of("validate", "diff", "version")) {
            assertEquals(1, kustos(cache, command));
            assertTrue(lastCall().contains(fewerCompilations) && lastCall().contains(maps), lastCall());
        }
        assertEquals(1, kustos(cache, "run"));
        assertTrue(lastCall().contains(" -XX:MaxNewSize=6m -XX:MaxHeapFreeRatio=10 -XX:CompileThresholdScaling=4 ") && lastCall().contains(maps),
                "the daemon's own flags (docs/benchmarks.md \"Daemon memory\"), and the short commands' cache: " + lastCall());
        for (String command : List.of("cluster", "demo", "bench")) {
            assertEquals(1, kustos(cache, command));
            assertFalse(lastCall().contains("CompileThresholdScaling"), lastCall());
            assertTrue(lastCall().contains(maps), "the short commands' cache: " + lastCall());
        }
        assertEquals(List.of(written.get(0)), files(cache));

        var own = launcher(cache, "validate");
        own.environment().put("KUSTOS_JAVA_OPTS", "-Xmx64m");
        assertEquals(1, own.start().waitFor());
        assertFalse(lastCall().contains("CompileThresholdScaling"), "KUSTOS_JAVA_OPTS replaces the launcher's flags: " + lastCall());
    }

    /** The one archive the cache folder holds. */
    private static String onlyFile(Path cache) throws IOException {
        List<String> files = files(cache);
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    /**
     * review13 B1: with the BSDs' and macOS's cksum (which opens "-" as a file) and stat (no -c: -f), the key still
     * follows the jar. Stand-ins early on the PATH act as those do, using this machine's GNU tools.
     */
    @Test
    void withTheBsdsCksumAndStatARebuiltJarStillGetsANewCache() throws Exception {
        setUp("17.0.15");
        Path cache = tmp.resolve("cache");
        Path bsd = Files.createDirectories(tmp.resolve("bsd-bin"));
        String cksum = Files.isExecutable(Path.of("/usr/bin/cksum")) ? "/usr/bin/cksum" : "/bin/cksum";
        String stat = Files.isExecutable(Path.of("/usr/bin/stat")) ? "/usr/bin/stat" : "/bin/stat";
        Files.writeString(bsd.resolve("cksum"), String.join("\n", "#!/bin/sh",
                "[ $# -eq 0 ] && exec " + cksum,
                "rc=0",
                "for f in \"$@\"; do if [ \"$f\" = - ]; then echo 'cksum: -: No such file or directory' >&2; rc=1; else " + cksum + " \"$f\" || rc=1; fi; done",
                "exit $rc", ""));
        Files.writeString(bsd.resolve("stat"), String.join("\n", "#!/bin/sh",
                "[ \"$1\" = -L ] && shift",
                "[ \"$1\" = -f ] || { echo \"stat: illegal option -- ${1#-}\" >&2; exit 1; }",
                "shift 2",
                "exec " + stat + " -L -c '%s-%Y' \"$@\"", ""));
        for (String tool : List.of("cksum", "stat")) {
            Files.setPosixFilePermissions(bsd.resolve(tool), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String path = bsd + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

        var apply = launcher(cache, "apply");
        apply.environment().put("PATH", path);
        assertEquals(1, apply.start().waitFor());
        String archive = onlyFile(cache);

        Files.writeString(jar, "a rebuilt jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        var version = launcher(cache, "version");
        version.environment().put("PATH", path);
        assertEquals(1, version.start().waitFor());
        assertFalse(lastCall().contains("-XX:SharedArchiveFile"), "the archive of the former jar is not used: " + lastCall());
        var diff = launcher(cache, "diff");
        diff.environment().put("PATH", path);
        assertEquals(1, diff.start().waitFor());
        assertNotEquals(archive, onlyFile(cache), "a new cache for the rebuilt jar, in place of the former one");
    }

    /**
     * review13 S1: every spelling of one JDK (a linked folder, as Debian's java-1.17.0-openjdk-amd64; a trailing slash; a
     * JAVA_HOME like /usr whose bin/java links into the JDK) has the JDK's Java version and maps its one cache.
     */
    @Test
    void everySpellingOfOneJdkHasItsVersionAndOneCache() throws Exception {
        setUp("17.0.15");
        Path jdk17 = javaHome;
        Path cache = tmp.resolve("cache");
        assertEquals(1, kustos(cache, "apply"));
        String maps = "-XX:SharedArchiveFile=" + cache.resolve(onlyFile(cache)) + " -jar ";

        Path linkedFolder = Files.createSymbolicLink(tmp.resolve("java-1.17.0-jdk"), jdk17);
        Path usr = Files.createDirectories(tmp.resolve("usr/bin"));
        Files.createSymbolicLink(usr.resolve("java"), jdk17.resolve("bin/java"));
        for (String spelling : List.of(linkedFolder.toString(), jdk17 + "/", usr.getParent().toString())) {
            javaHome = Path.of(spelling);
            var version = launcher(cache, "version");
            version.environment().put("JAVA_HOME", spelling);
            assertEquals(1, version.start().waitFor());
            assertTrue(lastCall().contains(maps), "JAVA_HOME=" + spelling + ": " + lastCall());
        }
        assertEquals(1, files(cache).size(), files(cache).toString());

        Path jdk25 = jdk("jdk25", "25.0.3");
        Path usr25 = Files.createDirectories(tmp.resolve("usr25/bin"));
        Files.createSymbolicLink(usr25.resolve("java"), jdk25.resolve("bin/java"));
        javaHome = usr25.getParent();
        var apply = launcher(cache, "apply");
        apply.environment().put("KUSTOS_CDS_WAIT", "1"); // review14 S6: Java 25's cache made before the launcher returns, not beside this test
        assertEquals(1, apply.start().waitFor());
        assertTrue(files(cache).stream().anyMatch(f -> f.endsWith(".aot")), "Java 25's cache: " + files(cache));
        List<String> calls = Files.readAllLines(this.calls); // the recording run, then the cache's creation
        assertTrue(calls.stream().anyMatch(c -> c.contains("-XX:AOTMode=record") && c.contains("--sun-misc-unsafe-memory-access=allow")),
                "JAVA_HOME=/usr with a JDK 25 behind its bin/java: Java 25's cache and flags: " + calls);
    }
}
