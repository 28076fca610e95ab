package io.kustos.cli;

import io.kustos.cluster.ModelReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 18 point 1: the commands that list the cluster's objects as they start (apply, diff, preview) have the
 * clients' readers made on a thread of their own from the start ({@link ModelReaders}), beside picocli and kustos.yaml;
 * no other command does (version and validate load no Kubernetes model: {@link StartupLoadsOnlyWhatTheCommandUsesTest}).
 */
class ListingCommandsPrepareReadersEarlyTest {
    private static final String READERS_THREAD = "kustos-model-readers";

    @TempDir
    Path tmp;

    @Test
    void theCommandLineOfAListingCommandStartsItsReadersBeforeItFails() throws InterruptedException {
        String missing = tmp.resolve("missing.yaml").toString();

        assertEquals(List.of(READERS_THREAD), readerThreadsStartedBy("apply", "-c", missing), "kustos apply with a kustos.yaml it cannot read");
        assertEquals(List.of(READERS_THREAD), readerThreadsStartedBy("-v", "diff", "-c", missing));
        assertEquals(List.of(), readerThreadsStartedBy("validate", "-c", missing), "validate reads no cluster");
        assertEquals(List.of(), readerThreadsStartedBy("apply", "--help"), "help reads no cluster");
    }

    /**
     * The reader threads {@link Main#execute} started for {@code args}: it runs while this thread holds the monitor
     * {@code ModelReaders.prepare} synchronizes on, so a thread it started is still there, waiting, when it returns.
     */
    private static List<String> readerThreadsStartedBy(String... args) throws InterruptedException {
        List<Thread> started;
        synchronized (ModelReaders.class) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            PrintStream out = System.out;
            PrintStream err = System.err;
            try (var quiet = new PrintStream(OutputStream.nullOutputStream())) {
                System.setOut(quiet); // the usage, the error about the missing file
                System.setErr(quiet);
                Main.execute(args);
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().equals(READERS_THREAD)).toList();
        }
        for (Thread t : started) {
            t.join(60_000); // made the readers, or found them made
        }
        return started.stream().map(Thread::getName).toList();
    }

    @Test
    void onlyApplyDiffAndPreviewStartTheirReadersEarly() {
        var started = Main.SUBCOMMANDS.keySet().stream().filter(ModelReaders::prepareEarly).toList();

        assertEquals(List.of("diff", "preview", "apply"), started, "the commands (in help's order) that started making their readers");
    }

    @Test
    void theCommandIsTheFirstArgumentThatIsNoOptionUnlessHelpOrVersionComesFirst() {
        assertEquals("apply", Main.commandName("apply", "-c", "kustos.yaml"));
        assertEquals("diff", Main.commandName("-v", "diff"));
        assertEquals("apply", Main.commandName("apply", "--help"));
        assertNull(Main.commandName("-h", "apply"));
        assertNull(Main.commandName("--version"));
        assertNull(Main.commandName());
    }
}
