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
    private static final Revision CONFIG = new Revision("commit", "0123456789abcdef0123456789abcdef01234567");
    private static final Revision RELEASES = new Revision("main", "fedcba9876543210fedcba9876543210fedcba98");

    @Test
    void theFirstRefusalFailsIt() {
        var report = new PreviewReport(CONFIG, RELEASES, List.of(EnvironmentPreview.unchanged("dev"),
                EnvironmentPreview.refused("staging", new StallingException(
                        "config:environments/staging/app/ports.yaml: data.PORT: must be a string, not a number (quote it)", FailureReason.INVALID_INPUT)),
                EnvironmentPreview.refused("production", new StallingException("config:other.yaml: bad", FailureReason.INVALID_INPUT))));
        assertEquals(new Verdict("md", false,
                        "staging: config:environments/staging/app/ports.yaml: data.PORT: must be a string, not a number (quote it)"),
                PullRequestPreviewer.verdict(report, "md", new java.util.TreeSet<>()));
    }

    @Test
    void nothingToChangePasses() {
        var report = new PreviewReport(CONFIG, RELEASES, List.of(EnvironmentPreview.unchanged("dev"), EnvironmentPreview.unchanged("staging")));
        assertEquals(new Verdict("md", true, "a merge would change nothing"), PullRequestPreviewer.verdict(report, "md", new java.util.TreeSet<>()));
    }
}
