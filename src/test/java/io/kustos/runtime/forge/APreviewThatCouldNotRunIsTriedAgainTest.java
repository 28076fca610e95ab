package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.PreviewMarkdown;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.runtime.forge.ForgeApi.CommitState;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import io.kustos.source.Revision;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A preview that could not run because the cluster could not be reached is no verdict on the pull
 * request: its status says "could not be previewed" (GitHub and Gitea {@code error}, GitLab
 * {@code pending}, never a failure; once per head, not at each try), the comment of the last preview that ran stays as it is, nothing
 * sent to the forge names the API server or the exception, and the preview is tried again until it runs.
 */
class APreviewThatCouldNotRunIsTriedAgainTest {
    private static final String API_SERVER = "http://127.0.0.1:46139/";
    private static final String NOT_RUN = "could not be previewed: the cluster of staging could not be reached; Kustos will try again";

    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void theStatusSaysSoTheCommentStaysAndItIsTriedAgain(ForgeFixture f, @TempDir Path tmp) throws Exception {
        var settings = forgeWithAGoodComment(f, tmp);
        AtomicInteger previews = new AtomicInteger();
        PullRequestPreview preview = (side, pr) -> previews.incrementAndGet() < 3 ? unreachable()
                : new PullRequestPreview.Verdict("ran at last", true, "a merge would change nothing");
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }),
                Duration.ofMillis(50))) {
            queue.offer(f.event(Action.PREVIEW, false));
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 2);
        }
        assertEquals(3, previews.get(), "tried again until it ran");
        wm.verify(1, f.authed("POST", urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.UNAVAILABLE, NOT_RUN))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath()))
                .withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, "a merge would change nothing"))));
        var edits = wm.findAll(anyRequestedFor(urlEqualTo(f.commentPath())));
        assertEquals(1, edits.size(), "the comment is edited only by the preview that ran");
        assertEquals(ForgeFixture.bodyJson(PreviewComment.MARKER + "\nran at last"), edits.get(0).getBodyAsString());
        wm.verify(0, postRequestedFor(urlEqualTo(f.commentsPath())));
        for (var request : wm.getAllServeEvents()) {
            String body = request.getRequest().getBodyAsString();
            assertFalse(body.contains("127.0.0.1") || body.contains("46139") || body.contains("ConnectException"), body);
        }
    }

    /** A git source missing (Kustos's settings) or a head not yet on the remote (the forge's ref lags its webhook) is not the change's fault. */
    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aGitSourceThatCouldNotBeFetchedIsTriedAgainNamingNoUrl(ForgeFixture f, @TempDir Path tmp) throws Exception {
        var settings = forgeWithAGoodComment(f, tmp);
        AtomicInteger previews = new AtomicInteger();
        PullRequestPreview preview = (side, pr) -> switch (previews.incrementAndGet()) {
            case 1 -> PullRequestPreview.Verdict.failed(new io.kustos.failure.StallingException("source 'config' (git://git.internal:9418/config.git): "
                    + "commit " + ForgeFixture.HEAD + " is on no branch, pull request or merge request head of the remote", FailureReason.SOURCE_MISCONFIGURED));
            case 2 -> PullRequestPreview.Verdict.failed(new io.kustos.failure.StallingException("source 'config' (git://git.internal:9418/config.git): "
                    + "repository not found; check the path in sources.config.url", FailureReason.SOURCE_MISCONFIGURED));
            default -> new PullRequestPreview.Verdict("ran at last", true, "a merge would change nothing");
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }),
                Duration.ofMillis(50))) {
            queue.offer(f.event(Action.PREVIEW, false));
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 2);
        }
        assertEquals(3, previews.get(), "tried again until it ran");
        wm.verify(1, f.authed("POST", urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.UNAVAILABLE,
                "could not be previewed: a git source could not be fetched; Kustos will try again"))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath()))
                .withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, "a merge would change nothing"))));
        var edits = wm.findAll(anyRequestedFor(urlEqualTo(f.commentPath())));
        assertEquals(1, edits.size(), "the comment is edited only by the preview that ran");
        wm.verify(0, postRequestedFor(urlEqualTo(f.commentsPath())));
        for (var request : wm.getAllServeEvents()) {
            String body = request.getRequest().getBodyAsString();
            assertFalse(body.contains("git.internal") || body.contains("9418") || body.contains("git://"), body);
        }
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aNewerPushReplacesTheTryAgain(ForgeFixture f, @TempDir Path tmp) throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));
        var settings = f.settings(wm, tmp, false);
        var first = f.event(Action.PREVIEW, false);
        var pushed = f.event(12, "fedcba9876543210fedcba9876543210fedcba98", Action.PREVIEW);
        List<PullRequestEvent> previewed = new java.util.concurrent.CopyOnWriteArrayList<>();
        PullRequestPreview preview = (side, pr) -> {
            previewed.add(pr);
            return pr.equals(first) ? unreachable() : new PullRequestPreview.Verdict("ran", true, "a merge would change nothing");
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }),
                Duration.ofMillis(300))) {
            queue.offer(first);
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 1);
            queue.offer(pushed);
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath(pushed.headSha())))).size() == 1);
            // the first head's try again came due and was dropped: a second preview of the first head would have posted its status again
            await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(5)).until(() -> previewed.size() == 2);
        }
        assertEquals(List.of(first, pushed), previewed);
    }

    /** A forge whose pull request has the comment of a preview that ran; it answers every other call with {}. */
    private io.kustos.config.PullRequestPreviews forgeWithAGoodComment(ForgeFixture f, Path tmp) throws Exception {
        String good = PreviewComment.MARKER + "\nthe last preview: staging would change at once\n";
        wm.stubFor(get(urlEqualTo(f.listUrl())).willReturn(okJson("[{\"id\":7,\"body\":" + ForgeFixture.quote(good) + "}]")));
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
        var settings = f.settings(wm, tmp, false);
        return settings;
    }

    /** What PullRequestPreviewer returns when the API server refuses connections: the report of an environment that could not be listed. */
    private static PullRequestPreview.Verdict unreachable() {
        var error = new TransientException("cannot list configmaps in namespace staging: ConnectException: Connection refused (API server "
                + API_SERVER + ")", FailureReason.CLUSTER_UNREACHABLE, null);
        var report = new PreviewReport(new Revision("refs/pull/12/head", ForgeFixture.HEAD), new Revision("main", ForgeFixture.HEAD),
                List.of(EnvironmentPreview.refused("staging", error), EnvironmentPreview.refused("production", error)));
        return PullRequestPreview.Verdict.of(report, new PreviewMarkdown().render(report), new TreeSet<>());
    }
}
