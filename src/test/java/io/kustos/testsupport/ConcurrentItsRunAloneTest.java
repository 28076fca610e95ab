package io.kustos.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * failsafe runs the IT classes not marked {@link RunsAlone} in two JVMs side by side (pom.xml): an IT class whose cases
 * already run two at a time would then make four, one whose daemons hold Leases of a few seconds (leader election,
 * sharding, a short write lock) could lose them to a busy machine and see another replica take over, and one with a git
 * timeout of a few seconds (set, or half a poll interval of a few seconds) could see a poll time out; so they are marked.
 * The mark and {@code @Execution(CONCURRENT)} are read from the compiled classes (a mention in a comment is none); the
 * settings from the kustos.yaml text in the sources, by their keys, in flow or block style: leader election or sharding
 * turned on, a {@code leaseDuration} of under a minute (or a placeholder the test fills in), a git source's
 * {@code timeout} and {@code sync.interval} of under 10 s (not a hook's {@code timeout}). Settings built in Java are not
 * read: DeployManifestsIT's {@code new Sharding(…)} is one replica alone, with no other to lose its Leases to.
 */
class ConcurrentItsRunAloneTest {
    /** A duration of under 10 s, in s or ms, or a placeholder ({@code %s}, {@code %ds}) the test fills in. */
    private static final String SECONDS = "(?:[0-9](?:\\.[0-9]+)?s|[0-9]+ms|%d?s)\\b";
    /** Leader election or sharding turned on, or a lease duration of under a minute (write lock, leader election, sharding). */
    static final Pattern SHORT_LEASES = Pattern.compile("(?:leaderElection|sharding):[ \\t]*(?:\\{\\s*|\\n[ \\t]+)enabled:[ \\t]*true\\b"
            + "|leaseDuration:[ \\t]*(?:[1-5]?[0-9](?:\\.[0-9]+)?s|[0-9]+ms|%d?s)\\b");
    /**
     * A git source's timeout of under 10 s (a key beside its url or branch: on one line, or in a block at their indentation)
     * or a poll interval of under 10 s (whose half is the git timeout when none is set: a key of sync).
     */
    static final Pattern SHORT_GIT_TIMEOUTS = Pattern.compile("(?:url|branch):[^\\n{}]*[{ ,]timeout:[ \\t]*" + SECONDS
            + "|(?m)^([ \\t]*)(?:url|branch):.*\\n(?:\\1[A-Za-z]\\w*:.*\\n)*?\\1timeout:[ \\t]*" + SECONDS
            + "|sync:[ \\t]*\\{[^}]*[{ ,]interval:[ \\t]*" + SECONDS
            + "|(?m)^([ \\t]*)sync:[ \\t]*\\n(?:\\2[ \\t]+.*\\n)*?\\2[ \\t]+interval:[ \\t]*" + SECONDS);

    @Test
    void everyItClassWhoseCasesRunTwoAtATimeIsMarkedRunsAlone() throws IOException {
        assertEquals(List.of(), unmarked((source, type) -> runsCasesConcurrently(type)), "IT classes with @Execution(CONCURRENT) but no @RunsAlone");
    }

    @Test
    void everyItClassWithLeasesOfAFewSecondsIsMarkedRunsAlone() throws IOException {
        assertEquals(List.of(), unmarked((source, type) -> SHORT_LEASES.matcher(source).find()),
                "IT classes with Leases of under a minute (leaderElection, sharding, writeLock) but no @RunsAlone");
    }

    @Test
    void everyItClassWithAGitTimeoutOfAFewSecondsIsMarkedRunsAlone() throws IOException {
        assertEquals(List.of(), unmarked((source, type) -> SHORT_GIT_TIMEOUTS.matcher(source).find()),
                "IT classes with a git timeout or poll interval of seconds but no @RunsAlone");
    }

    @Test
    void theSettingsAreFoundByTheirKeysInFlowAndBlockStyle() {
        for (String yaml : List.of("leaderElection: { enabled: true, namespace: x, leaseDuration: 4s }",
                "sharding:\n  enabled: true\n  namespace: x\n", "sync: { writeLock: { leaseDuration: 1200ms } }",
                "sync:\n  writeLock:\n    leaseDuration: 30s\n", "sharding: { enabled: true, leaseDuration: %ds }")) {
            assertTrue(SHORT_LEASES.matcher(yaml).find(), yaml);
        }
        for (String yaml : List.of("leaderElection: { enabled: false }", "sync: { writeLock: { leaseDuration: 1200s } }",
                "// sharding: enabled: true in another test")) {
            assertFalse(SHORT_LEASES.matcher(yaml).find(), yaml);
        }
        for (String yaml : List.of("  config: { url: \"%s\", branch: main, timeout: 2s, auth: {} }",
                "sources:\n  config:\n    url: x\n    branch: main\n    timeout: 500ms\n", ".replace(\"branch: main,\", \"branch: main, timeout: 2s,\")",
                "sync: { interval: 2s }", "sync: { selfHeal: true, interval: 1.5s }", "sync:\n  prune: true\n  interval: 3s\n")) {
            assertTrue(SHORT_GIT_TIMEOUTS.matcher(yaml).find(), yaml);
        }
        for (String yaml : List.of("hooks:\n  - name: migrate\n    command: [x]\n    timeout: 5s\n", "sync: { interval: 1h, rolloutTimeout: 5s }",
                "  config: { url: \"%s\", branch: main, timeout: 30s }", "sync:\n  interval: 10m\nhooks:\n  - timeout: 5s\n",
                "sync: { interval: 1h }\nhook: { timeout: 2s }")) {
            assertFalse(SHORT_GIT_TIMEOUTS.matcher(yaml).find(), yaml);
        }
    }

    /** Whether a test method of {@code type} or the class itself says {@code @Execution(CONCURRENT)}. */
    private static boolean runsCasesConcurrently(Class<?> type) {
        return Stream.concat(Stream.of(type), Stream.of(type.getDeclaredMethods()).map(Method.class::cast))
                .map(element -> AnnotationSupport.findAnnotation(element, Execution.class))
                .anyMatch(execution -> execution.isPresent() && execution.get().value() == ExecutionMode.CONCURRENT);
    }

    /** What a rule reads of an IT class: its source and its compiled class. */
    private interface Rule {
        boolean needsToRunAlone(String source, Class<?> type);
    }

    /** The IT classes under src/test/java that {@code rule} says need to run alone but are not marked {@link RunsAlone}. */
    private static List<String> unmarked(Rule rule) throws IOException {
        Path root = Path.of("src/test/java");
        List<Path> its;
        try (Stream<Path> files = Files.walk(root)) {
            its = files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList();
        }
        assertFalse(its.isEmpty(), "no IT classes found under src/test/java");
        Predicate<Path> needs = f -> rule.needsToRunAlone(read(f), type(root, f));
        return its.stream().filter(needs).filter(f -> !type(root, f).isAnnotationPresent(RunsAlone.class)).map(Path::toString).toList();
    }

    /** The compiled class of the source {@code f}, not initialized. */
    private static Class<?> type(Path root, Path f) {
        String name = root.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", "");
        try {
            return Class.forName(name, false, ConcurrentItsRunAloneTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(f + " is not compiled to " + name, e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
