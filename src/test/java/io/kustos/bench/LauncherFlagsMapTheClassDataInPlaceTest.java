package io.kustos.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's and the image's JVM flags (the bench's copy is equal to them: BenchJvmFlagsAreTheLaunchersTest) map the
 * class-data archives at the address they were written for. By default (ArchiveRelocationMode 1 since JDK 17.0.x and
 * in 25) the JVM maps them elsewhere and rewrites every pointer in them, which makes each of their pages a private
 * copy: 58 MiB of a 185 MiB daemon (docs/benchmarks.md, "Daemon memory").
 */
class LauncherFlagsMapTheClassDataInPlaceTest {
    @Test
    void theJvmDoesNotMoveTheArchives() throws Exception {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(KustosLauncher.JVM_FLAGS);
        command.addAll(java.util.List.of("-Xshare:auto", "-Xlog:cds=info", "-version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "java -version ended");

        assertEquals(0, process.exitValue(), "the JVM accepts the flags: " + out);
        assertTrue(out.contains("[cds]"), "the JVM has a class-data archive to map (its log): " + out);
        assertFalse(out.contains("always map archive(s) at an alternative address"), out);
    }
}
