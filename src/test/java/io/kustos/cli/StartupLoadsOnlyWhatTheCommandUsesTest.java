package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up cost is mostly class loading (a no-op apply loads about 8,400 classes): each command loads
 * only the libraries it uses. Checked in a JVM of its own, started as the launcher starts one, from
 * the list of classes it loaded ({@code -Xlog:class+load}): {@code kustos version} loads no Jackson
 * databind (the {@code -o} mappers are built only for json/yaml output), and neither it nor
 * {@code kustos validate} loads Camel, an HTTP client, the embedded cluster or the benchmark;
 * picocli builds the model of the command that runs only, not of every subcommand; logging is
 * set up without reading XML.
 */
class StartupLoadsOnlyWhatTheCommandUsesTest {
    private static final List<String> NOT_BEFORE_A_REQUEST = List.of(
            "org.apache.camel.", "io.vertx.", "io.netty.", "io.fabric8.mockwebserver.",
            "io.fabric8.kubernetes.client.server.mock.", "io.fabric8.kubernetes.client.impl.");

    @TempDir
    Path tmp;

    @Test
    void versionLoadsNoJacksonDatabindNoCamelAndNoHttpClient() throws Exception {
        var loaded = classesLoadedBy(Path.of("."), "version");

        assertTrue(loaded.contains("io.kustos.cli.VersionCommand"), "the class-load log lists the command");
        assertFalse(loaded.contains("io.kustos.config.YamlMapping"), "version warms up no kustos.yaml reading (StartWarmUp is validate's)");
        assertEquals(List.of(), loaded.stream().filter(c -> c.startsWith("com.fasterxml.jackson.databind.")).toList(),
                "Jackson databind classes loaded by kustos version");
        assertEquals(List.of(), loaded.stream().filter(this::usedOnlyOnceARequestIsSent).toList(),
                "Camel, HTTP client or embedded cluster classes loaded by kustos version");
        // logging is set up in code, not from XML (logback's Joran, the JDK's XML parser)
        assertEquals(List.of(), loaded.stream().filter(c -> c.startsWith("ch.qos.logback.classic.joran.") || c.startsWith("ch.qos.logback.core.joran.action.")
                        || c.startsWith("javax.xml.parsers.")).toList(),
                "XML configuration classes loaded by kustos version");
        // picocli builds the model of the command run only, not of the 19 others (their options' converters)
        assertEquals(List.of(), loaded.stream().filter(c -> c.startsWith("io.kustos.cli.") && c.endsWith("Converter")).toList(),
                "option converters of other commands loaded by kustos version");
    }

    @Test
    void validateLoadsNoCamelNoHttpClientNoEmbeddedClusterAndNoBenchmark() throws Exception {
        var example = Path.of("config-repo-example").toAbsolutePath();

        var loaded = classesLoadedBy(example, "validate", "-c", "kustos.yaml", "config", "releases");

        assertTrue(loaded.contains("io.kustos.cli.ValidateCommand"), "the class-load log lists the command");
        assertTrue(loaded.contains("io.kustos.cli.StartWarmUp"), "validate's static set-up starts beside picocli (ValidateWarmsUpBesidePicocliTest)");
        assertEquals(List.of(), loaded.stream().filter(this::usedOnlyOnceARequestIsSent).toList(),
                "Camel, HTTP client or embedded cluster classes loaded by kustos validate");
        assertEquals(List.of(), loaded.stream().filter(c -> c.startsWith("io.fabric8.")).toList(),
                "Kubernetes client or model classes loaded by kustos validate (only apply, diff and preview prepare their readers early)");
        assertEquals(List.of(), loaded.stream()
                        .filter(c -> c.startsWith("io.kustos.bench.") && !c.equals("io.kustos.bench.ScaleSettings")).toList(),
                "benchmark classes loaded by kustos validate (ScaleSettings holds a default of an option)");
        // the work tree's blob ids are SHA-1s computed in place: JGit's ObjectInserter would first read the git config files
        // (core.sha1Implementation) and load its ~1,000 message texts by reflection
        assertEquals(List.of(), loaded.stream().filter(c -> c.equals("org.eclipse.jgit.internal.JGitText")
                        || c.equals("org.eclipse.jgit.internal.storage.file.FileSnapshot")).toList(),
                "JGit's config files and message texts loaded by kustos validate, which reads no git repository");
    }

    private boolean usedOnlyOnceARequestIsSent(String className) {
        return NOT_BEFORE_A_REQUEST.stream().anyMatch(className::startsWith);
    }

    /** This JVM's class path without the tests' classes and resources (their logback-test.xml): as the jar has it. */
    private static String mainClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The class names a {@code kustos} JVM loaded for {@code args}, run in {@code dir}; it must exit 0. */
    private List<String> classesLoadedBy(Path dir, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("class-load.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = Stream.concat(Stream.of(java, "-XX:TieredStopAtLevel=1", "-Xlog:class+load:file=" + log,
                "-cp", mainClassPath(), Main.class.getName()), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "kustos " + String.join(" ", args) + " ended");
        assertEquals(0, process.exitValue(), "exit code of kustos " + String.join(" ", args) + "; its output: "
                + Files.readString(tmp.resolve("out.txt")));
        try (var lines = Files.lines(log)) {
            // "[info][class,load] java.lang.Object source: shared objects file": the name follows the tags
            return lines.map(l -> l.substring(l.indexOf("] ", l.indexOf("[class,load]")) + 2))
                    .map(l -> l.substring(0, l.indexOf(' ') < 0 ? l.length() : l.indexOf(' ')))
                    .toList();
        }
    }
}
