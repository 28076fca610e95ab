package io.kustos.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flags the bench starts Kustos with outside a checkout, and records as the run's flags, are the launcher's
 * defaults: they drifted once (the launcher's memory flags changed, the bench's copy did not).
 */
class BenchJvmFlagsAreTheLaunchersTest {
    @Test
    void theBenchsCopyIsTheLaunchersDefault() throws Exception {
        String launcher = Files.readString(Path.of("kustos"));
        String flags = String.join(" ", KustosLauncher.JVM_FLAGS);
        assertTrue(launcher.contains("KUSTOS_JAVA_OPTS:-" + flags + "}"), flags + " differs from the launcher's");
    }

    @Test
    void theDaemonsFlagsAreTheLaunchers() throws Exception { // the image's: DockerfileTest
        String daemon = String.join(" ", KustosLauncher.DAEMON_FLAGS);
        assertTrue(Files.readString(Path.of("kustos")).contains("run) per_command=(" + daemon + ") ;;"),
                daemon + " differs from the launcher's for kustos run");
    }

    @Test
    void theShortCommandsFlagsAreTheLaunchers() throws Exception {
        String flags = String.join(" ", KustosLauncher.SHORT_COMMAND_FLAGS);
        String launcher = Files.readString(Path.of("kustos"));
        assertTrue(launcher.contains("*) [[ $long_lived == yes ]] || per_command=(" + flags + ") ;;"), flags + " differs from the launcher's for the short commands");
        assertEquals(KustosLauncher.SHORT_COMMAND_FLAGS, KustosLauncher.commandFlags("apply"));
        assertEquals(KustosLauncher.DAEMON_FLAGS, KustosLauncher.commandFlags("run"));
        assertEquals(List.of(), KustosLauncher.commandFlags("demo"));
    }

    /** review15 N7: the long-lived commands are the launcher's, and an @file (picocli's argument file) is long-lived in both. */
    @Test
    void theLongLivedCommandsAreTheLaunchers() throws Exception {
        String longLived = "run | " + String.join(" | ", KustosLauncher.LONG_LIVED) + " | @*) long_lived=yes ;;";
        assertTrue(Files.readString(Path.of("kustos")).contains(longLived), longLived + " is not the launcher's long_lived case");
        assertEquals(List.of(), KustosLauncher.commandFlags("@args"));
        assertEquals(List.of(), KustosLauncher.commandFlags("-v", "@args"));
        assertEquals(KustosLauncher.DAEMON_FLAGS, KustosLauncher.commandFlags("-v", "run"), "the command is the first argument that is no option");
    }
}
