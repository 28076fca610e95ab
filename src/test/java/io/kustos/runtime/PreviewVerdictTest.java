package io.kustos.runtime;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.runtime.forge.PullRequestPreview.Verdict;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The {@code kustos/preview} status of a preview: passed unless an environment would be refused, whose error it then names. */
class PreviewVerdictTest {
    private static final Revision CONFIG = new Revision("refs/pull/7/head", "0123456789abcdef0123456789abcdef01234567");
    private static final Revision RELEASES = new Revision("main", "fedcba9876543210fedcba9876543210fedcba98");

    @Test
    void theFirstRefusalFailsIt() {
        var report = new PreviewReport(CONFIG, RELEASES, List.of(EnvironmentPreview.unchanged("dev"),
                EnvironmentPreview.refused("staging", new StallingException(
                        "config:environments/staging/app/ports.yaml: data.PORT: must be a string, not a number (quote it)", FailureReason.INVALID_INPUT)),
                EnvironmentPreview.refused("production", new StallingException("config:other.yaml: bad", FailureReason.INVALID_INPUT))));
        assertEquals(new Verdict("md", false,
                        "staging: config:environments/staging/app/ports.yaml: data.PORT: must be a string, not a number (quote it)"),
                Verdict.of(report, "md", new java.util.TreeSet<>()));
    }

    @Test
    void nothingToChangePasses() {
        var report = new PreviewReport(CONFIG, RELEASES, List.of(EnvironmentPreview.unchanged("dev"), EnvironmentPreview.unchanged("staging")));
        assertEquals(new Verdict("md", true, "a merge would change nothing"), Verdict.of(report, "md", new java.util.TreeSet<>()));
    }

    @Test
    void aClusterThatCouldNotBeReachedIsTriedAgainNamingNoAddress() {
        var report = new PreviewReport(CONFIG, RELEASES, List.of(EnvironmentPreview.unchanged("dev"), EnvironmentPreview.refused("staging",
                new io.kustos.failure.TransientException("cannot list configmaps: ConnectException (API server http://10.0.0.1:6443/)",
                        FailureReason.CLUSTER_UNREACHABLE, null))));
        Verdict verdict = Verdict.of(report, "md", new java.util.TreeSet<>());
        assertTrue(verdict.tryAgain());
        assertEquals("could not be previewed: the cluster of staging could not be reached; Kustos will try again", verdict.description());
        assertEquals("", verdict.markdown());
    }

    @Test
    void aRefusalWinsOverAnEnvironmentThatCouldNotBeReached() {
        var report = new PreviewReport(CONFIG, RELEASES, List.of(
                EnvironmentPreview.refused("staging", new io.kustos.failure.TransientException("x", FailureReason.CLUSTER_UNREACHABLE, null)),
                EnvironmentPreview.refused("production", new StallingException("config:a.yaml:1: bad", FailureReason.INVALID_INPUT))));
        assertEquals(new Verdict("md", false, "production: config:a.yaml:1: bad"), Verdict.of(report, "md", new java.util.TreeSet<>()));
    }

    @Test
    void aGitSourceThatCouldNotBeReachedBeforeAnyEnvironmentIsTriedAgain() {
        Verdict verdict = Verdict.failed(new io.kustos.failure.TransientException("source 'config' (https://git.internal:8443/c.git): "
                + "cannot fetch: UnknownHostException", FailureReason.SOURCE_UNREACHABLE, null));
        assertTrue(verdict.tryAgain());
        assertEquals("could not be previewed: a git source could not be fetched; Kustos will try again", verdict.description());
    }

    @Test
    void aGitSourceMissingOrAHeadNotYetOnTheRemoteIsTriedAgainNamingNoUrl() {
        for (String message : List.of("source 'config' (file:///srv/config.git): repository not found; check the path in sources.config.url",
                "source 'config' (git://git.internal:9418/config.git): commit 0123456 is on no branch, pull request or merge request head")) {
            Verdict verdict = Verdict.failed(new StallingException(message, FailureReason.SOURCE_MISCONFIGURED));
            assertTrue(verdict.tryAgain(), message);
            assertEquals("could not be previewed: a git source could not be fetched; Kustos will try again", verdict.description());
            assertEquals("", verdict.markdown());
        }
    }
}
