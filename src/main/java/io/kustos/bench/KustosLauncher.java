package io.kustos.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the benchmark starts Kustos as its own process, exactly as a user does: the {@code kustos}
 * launcher of this checkout (its JVM flags are the Dockerfile's), or, outside a checkout,
 * {@code java -jar} with the same flags.
 */
final class KustosLauncher {
    /** The launcher's and the Dockerfile's default JVM flags (KUSTOS_JAVA_OPTS overrides them in both). */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-XX:MaxRAMPercentage=50", "-XX:MaxNewSize=12m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-Dio.netty.allocator.numDirectArenas=1",
            "-Dio.netty.allocator.numHeapArenas=1", "-Dio.netty.allocator.maxOrder=8");
    /** What the launcher and the Dockerfile add for {@code kustos run}, the daemon, when KUSTOS_JAVA_OPTS is not set. */
    static final List<String> DAEMON_FLAGS = List.of("-XX:MaxNewSize=6m", "-XX:MaxHeapFreeRatio=10", "-XX:CompileThresholdScaling=4");
    /** What the launcher adds for the short commands (apply, diff, validate, ...), when KUSTOS_JAVA_OPTS is not set. */
    static final List<String> SHORT_COMMAND_FLAGS = List.of("-XX:CompileThresholdScaling=4");

    private KustosLauncher() {
    }

    /** The {@code kustos} launcher of this checkout, or null when this runs from no checkout's jar. */
    private static Path launcher() {
        Path jar = jar();
        Path launcher = jar.getParent() == null || jar.getParent().getParent() == null ? null
                : jar.getParent().getParent().resolve("kustos");
        return launcher != null && Files.isExecutable(launcher) && jar.getFileName().toString().equals("kustos.jar") ? launcher : null;
    }

    static List<String> command(String... args) {
        Path jar = jar();
        Path launcher = launcher();
        var cmd = new ArrayList<String>();
        if (launcher != null) {
            cmd.add(launcher.toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String opts = System.getenv("KUSTOS_JAVA_OPTS");
            cmd.addAll(opts == null ? JVM_FLAGS : List.of(opts.trim().split("\\s+")));
            if (opts == null) {
                cmd.addAll(commandFlags(args));
            }
            if (Files.isDirectory(jar)) { // classes, not a jar (the tests): the same main class on this JVM's class path
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.kustos.cli.Main"));
            } else {
                cmd.add("-jar");
                cmd.add(jar.toString());
            }
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The commands the launcher gives its default flags only (they live long enough to use compiled code), as its
     * {@code long_lived} case lists them; so does it an {@code @file}, whose command it does not look for.
     */
    static final List<String> LONG_LIVED = List.of("cluster", "demo", "bench");

    /**
     * The launcher's flags for the command line {@code args}: its command is the first argument that is no option (as
     * the launcher and Main read it); the daemon's for {@code run}, none for the long-lived ones ({@link #LONG_LIVED})
     * and an {@code @file} (picocli's argument file), else the short commands'.
     */
    static List<String> commandFlags(String... args) {
        String command = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (command.equals("run")) {
            return DAEMON_FLAGS;
        }
        return LONG_LIVED.contains(command) || command.startsWith("@") ? List.of() : SHORT_COMMAND_FLAGS;
    }

    /**
     * The JDK {@code command} runs on, as "version (home)": the launcher's choice (it picks a JDK 25+ for the short
     * commands when there is one; {@code KUSTOS_WHICH_JAVA=1} makes it print it), else this JVM's.
     */
    static String jdkOf(String command) {
        Path launcher = launcher();
        if (launcher == null) {
            return describe(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        try {
            var pb = new ProcessBuilder(launcher.toString(), command).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("KUSTOS_WHICH_JAVA", "1");
            Process p = pb.start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? describe(printed) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** "version (home)" of the JDK whose {@code java} this is (a path, or a name found on the PATH), from its release file. */
    static String describe(String java) {
        Path path = Path.of(java);
        if (!java.contains("/")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, java))) {
                    path = Path.of(dir.isEmpty() ? "." : dir, java);
                    break;
                }
            }
        }
        try {
            Path home = path.toRealPath().getParent().getParent();
            String version = Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).findFirst().orElse("unknown");
            return version + " (" + home + ")";
        } catch (IOException | RuntimeException e) {
            return "unknown (" + java + ")";
        }
    }

    private static Path jar() {
        try {
            return Path.of(KustosLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
