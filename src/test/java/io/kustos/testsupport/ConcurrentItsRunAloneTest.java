package io.kustos.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * failsafe runs the IT classes not marked {@link RunsAlone} in two JVMs side by side (pom.xml): an IT class whose cases
 * already run two at a time would then make four, one whose daemons hold Leases of a few seconds (leader election,
 * sharding, a short write lock) could lose them to a busy machine and see another replica take over, and one with a git
 * timeout of a few seconds (set, or half a poll interval of a few seconds) could see a poll time out; so they are marked.
 */
class ConcurrentItsRunAloneTest {
    /** A lease duration of under 60 s in a kustos.yaml the test writes, or leader election or sharding turned on. */
    private static final Pattern SHORT_LEASES = Pattern.compile("leaseDuration: [1-5]?[0-9]s\\b|(leaderElection|sharding): \\{ enabled: true");
    /** A git timeout of under 10 s, or a poll interval of under 10 s (whose half is the git timeout when none is set). */
    private static final Pattern SHORT_GIT_TIMEOUTS = Pattern.compile("(timeout|interval): ([0-9](\\.[0-9]+)?s|[0-9]+ms)\\b");

    @Test
    void everyItClassWhoseCasesRunTwoAtATimeIsMarkedRunsAlone() throws IOException {
        assertEquals(List.of(), unmarked(source -> source.contains("ExecutionMode.CONCURRENT")), "IT classes with @Execution(CONCURRENT) but no @RunsAlone");
    }

    @Test
    void everyItClassWithLeasesOfAFewSecondsIsMarkedRunsAlone() throws IOException {
        assertEquals(List.of(), unmarked(source -> SHORT_LEASES.matcher(source).find()),
                "IT classes with Leases of under a minute (leaderElection, sharding, writeLock) but no @RunsAlone");
    }

    @Test
    void everyItClassWithAGitTimeoutOfAFewSecondsIsMarkedRunsAlone() throws IOException {
        assertEquals(List.of(), unmarked(source -> SHORT_GIT_TIMEOUTS.matcher(source).find()),
                "IT classes with a git timeout or poll interval of seconds but no @RunsAlone");
    }

    /** The IT classes under src/test/java whose source {@code needsToRunAlone} but is not marked. */
    private static List<String> unmarked(Predicate<String> needsToRunAlone) throws IOException {
        List<Path> its;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            its = files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList();
        }
        assertFalse(its.isEmpty(), "no IT classes found under src/test/java");
        return its.stream().filter(f -> needsToRunAlone.test(read(f)) && !read(f).contains("@RunsAlone")).map(Path::toString).toList();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
