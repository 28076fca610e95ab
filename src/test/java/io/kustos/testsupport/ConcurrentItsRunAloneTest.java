package io.kustos.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * failsafe runs the IT classes not marked {@link RunsAlone} in two JVMs side by side (pom.xml): an IT class whose cases
 * already run two at a time would then make four, and one whose daemons hold Leases of a few seconds (leader election,
 * sharding, a short write lock) could lose them to a busy machine and see another replica take over; so they are marked.
 */
class ConcurrentItsRunAloneTest {

    @Test
    void everyItClassWhoseCasesRunTwoAtATimeIsMarkedRunsAlone() throws IOException {
        List<Path> its;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            its = files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList();
        }
        assertFalse(its.isEmpty(), "no IT classes found under src/test/java");
        List<String> unmarked = its.stream().filter(f -> read(f).contains("ExecutionMode.CONCURRENT") && !read(f).contains("@RunsAlone"))
                .map(Path::toString).toList();
        assertEquals(List.of(), unmarked, "IT classes with @Execution(CONCURRENT) but no @RunsAlone");
    }

    @Test
    void everyItClassWithLeasesOfAFewSecondsIsMarkedRunsAlone() throws IOException {
        List<Path> its;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            its = files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList();
        }
        List<String> unmarked = its.stream().filter(f -> SHORT_LEASES.matcher(read(f)).find() && !read(f).contains("@RunsAlone"))
                .map(Path::toString).toList();
        assertEquals(List.of(), unmarked, "IT classes with Leases of under a minute (leaderElection, sharding, writeLock) but no @RunsAlone");
    }

    /** A lease duration of under 60 s in a kustos.yaml the test writes, or leader election or sharding turned on. */
    private static final java.util.regex.Pattern SHORT_LEASES =
            java.util.regex.Pattern.compile("leaseDuration: [1-5]?[0-9]s\\b|(leaderElection|sharding): \\{ enabled: true");

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
