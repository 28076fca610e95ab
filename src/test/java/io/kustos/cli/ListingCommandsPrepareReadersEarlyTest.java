package io.kustos.cli;

import io.kustos.cluster.ModelReaders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 18 point 1: the commands that list the cluster's objects as they start (apply, diff, preview) have the
 * clients' readers made on a thread of their own from the start ({@link ModelReaders}), beside picocli and kustos.yaml;
 * no other command does (version and validate load no Kubernetes model: {@link StartupLoadsOnlyWhatTheCommandUsesTest}).
 */
class ListingCommandsPrepareReadersEarlyTest {
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
