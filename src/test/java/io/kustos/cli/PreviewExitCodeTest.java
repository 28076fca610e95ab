package io.kustos.cli;

import io.kustos.cluster.ApplyException;
import io.kustos.diff.Diff;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.failure.TransientException;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.render.DesiredState;
import io.kustos.rollout.RolloutFailedException;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kustos preview exits 0 when nothing would change, 1 when something would, and else with the
 * worst refusal: a write the API server refuses (4; a hook's Job refused in the dry run too, as no
 * hook runs), then invalid input (3), then unreachable (5).
 */
class PreviewExitCodeTest {
    private static final Revision MAIN = new Revision("main", "a".repeat(40));

    private static int exit(EnvironmentPreview... environments) {
        return PreviewCommand.exitCode(new PreviewReport(MAIN, MAIN, List.of(environments)));
    }

    private static EnvironmentPreview changes(String env, List<String> waitsFor) {
        var desired = new DesiredState(env, env, null, List.of(), List.of(), List.of(), "sha256:x");
        return EnvironmentPreview.changes(env, new Diff(desired, List.of(), List.of()), List.of(), 1, waitsFor);
    }

    private static EnvironmentPreview refused(String env, io.kustos.failure.KustosException e) {
        return EnvironmentPreview.refused(env, e);
    }

    @Test
    void nothingOrSomethingWouldChange() {
        assertEquals(0, exit(EnvironmentPreview.unchanged("staging"), EnvironmentPreview.unchanged("production")));
        assertEquals(1, exit(EnvironmentPreview.unchanged("staging"), changes("production", List.of())));
        assertEquals(1, exit(EnvironmentPreview.unchanged("dev"), changes("production", List.of("staging"))), "waiting still changes later");
    }

    @Test
    void theWorstRefusalWins() {
        var invalid = refused("dev", new StallingException("dev: data.PORT", FailureReason.INVALID_INPUT));
        var refusedWrite = refused("staging", new ApplyException("staging: dry run rejected", FailureReason.REFUSED_INVALID));
        var refusedHook = refused("staging", new RolloutFailedException("hook refused in the dry run", FailureReason.HOOK_FAILED));
        var unreachable = refused("production", new TransientException("unreachable", FailureReason.CLUSTER_UNREACHABLE, null));
        assertEquals(3, exit(changes("staging", List.of()), invalid));
        assertEquals(4, exit(invalid, refusedWrite));
        assertEquals(4, exit(refusedHook), "no hook runs in a preview: a Job refused in the dry run is a refused write");
        assertEquals(3, exit(unreachable, invalid), "what a retry cannot fix first");
        assertEquals(5, exit(unreachable, changes("staging", List.of())));
    }
}
