package io.kustos.bench;

import io.kustos.deploy.StandInJdk;
import io.kustos.testsupport.LauncherScriptOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * review15 N7: outside a checkout the bench starts Kustos with the flags the launcher ({@code ./kustos}) gives the same
 * command line ({@link KustosLauncher#commandFlags}): the script, run with a stand-in JDK ({@link StandInJdk}, no JVM
 * starts), says which ones it gives, for short commands, the daemon, the long-lived commands and an {@code @file}.
 */
@LauncherScriptOnly
class BenchCommandFlagsAreTheScriptsTest {
    @TempDir
    Path tmp;

    @Test
    void theBenchGivesEachCommandLineTheLaunchersFlags() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Path launcher = Files.copy(Path.of("kustos"), checkout.resolve("kustos"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createDirectories(checkout.resolve("target")).resolve("kustos.jar");
        Files.writeString(jar, "a jar");
        Path calls = tmp.resolve("calls");
        Path jdk = StandInJdk.at(tmp.resolve("jdk-17"), "17.0.15", calls);
        List<List<String>> commandLines = List.of(List.of("apply"), List.of("-v", "diff"), List.of("version"), List.of("run"), List.of("-v", "run"),
                List.of("demo"), List.of("bench", "run"), List.of("cluster", "start"), List.of("@args"), List.of("-v", "@args"));
        for (List<String> args : commandLines) {
            Files.deleteIfExists(calls);
            var command = new ArrayList<>(List.of("bash", launcher.toString()));
            command.addAll(args);
            var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
            pb.environment().keySet().removeAll(List.of("JAVA_HOME", "KUSTOS_JAVA_OPTS", "KUSTOS_JAVA_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                    "KUSTOS_WHICH_JAVA"));
            pb.environment().put("PATH", jdk.resolve("bin") + ":" + System.getenv("PATH"));
            pb.environment().put("KUSTOS_JDK_DIRS", "");
            pb.environment().put("KUSTOS_CDS", "off");
            assertEquals(0, pb.start().waitFor(), Files.readString(tmp.resolve("out")));

            String call = Files.readAllLines(calls).get(0);
            String defaults = String.join(" ", KustosLauncher.JVM_FLAGS);
            String tail = " -jar " + jar + " " + String.join(" ", args);
            assertTrue(call.startsWith(defaults + " ") && call.endsWith(tail), call);
            String perCommand = call.substring(defaults.length(), call.length() - tail.length());
            assertEquals(String.join(" ", KustosLauncher.commandFlags(args.toArray(String[]::new))), perCommand.strip(),
                    "the launcher's flags for kustos " + String.join(" ", args));
        }
    }
}
