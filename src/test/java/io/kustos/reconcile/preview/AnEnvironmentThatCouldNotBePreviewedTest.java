package io.kustos.reconcile.preview;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.failure.TransientException;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An environment whose cluster could not be reached is not "would be refused": it could not be
 * previewed, which says nothing about the change (try again). The comment says so without the API
 * server's address or the exception; the terminal line says to try again.
 */
class AnEnvironmentThatCouldNotBePreviewedTest {
    private static final String MESSAGE = "cannot list configmaps in namespace staging: ConnectException: Connection refused "
            + "(API server http://127.0.0.1:46139/)";
    private static final PreviewReport REPORT = new PreviewReport(new Revision("refs/pull/16/head", "a".repeat(40)),
            new Revision("main", "b".repeat(40)), List.of(
            EnvironmentPreview.refused("staging", new TransientException(MESSAGE, FailureReason.CLUSTER_UNREACHABLE, null)),
            EnvironmentPreview.refused("production", new StallingException("config:x.yaml:3: data.A: must be a string", FailureReason.INVALID_INPUT))));

    @Test
    void aTransientFailureIsNotARefusal() {
        assertEquals(EnvironmentPreview.Verdict.UNAVAILABLE, REPORT.environments().get(0).verdict());
        assertEquals(EnvironmentPreview.Verdict.REFUSED, REPORT.environments().get(1).verdict());
    }

    @Test
    void theTerminalSaysTryAgain() {
        String text = new PreviewText().render(REPORT);
        assertTrue(text.contains("\nstaging: could not be previewed (try again)\n"), text);
        assertTrue(text.contains("\nproduction: would be refused (invalid)\n"), text);
    }

    @Test
    void theCommentSaysWhyWithoutTheApiServer() {
        String md = new PreviewMarkdown().render(REPORT);
        assertTrue(md.contains("| staging | could not be previewed |"), md);
        assertTrue(md.contains("#### staging: could not be previewed\n\nNot previewed: the cluster of staging could not be reached. "
                + "This says nothing about the change; run the preview again to see it.\n"), md);
        assertFalse(md.contains("127.0.0.1") || md.contains("ConnectException") || md.contains("would be refused\n\n```\ncannot"), md);
    }
}
