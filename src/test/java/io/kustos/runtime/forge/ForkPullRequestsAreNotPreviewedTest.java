package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.runtime.forge.ForgeApi.CommitState;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A pull request from a fork is not previewed (its head is never fetched nor decrypted) unless
 * {@code previews.allowForks: true}: it gets a comment and a status saying previews of forks are
 * off and how to turn them on. With allowForks it is previewed as any other.
 */
class ForkPullRequestsAreNotPreviewedTest {
    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();
    private final List<PullRequestEvent> previewed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void offUnlessAllowed(ForgeFixture f, @TempDir Path tmp) throws Exception {
        var settings = f.settings(wm, tmp, false);
        try (var queue = new PreviewQueue(settings, this::preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(Action.PREVIEW, true));
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 1);
        }
        assertEquals(List.of(), previewed);
        wm.verify(1, f.authed("POST", urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.SKIPPED,
                "previews of forks are off: set previews.allowForks: true in kustos.yaml to preview them"))));
        String comment = wm.findAll(postRequestedFor(urlEqualTo(f.commentsPath()))).get(0).getBodyAsString();
        org.junit.jupiter.api.Assertions.assertTrue(comment.contains("`someone/config`") && comment.contains("previews.allowForks: true"), comment);
    }

    /** A forge keeps one status per commit and context: a fork's head that is a previewed pull request's keeps that one's status. */
    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aForkWhoseHeadIsAPreviewedPullRequestsLeavesItsStatus(ForgeFixture f, @TempDir Path tmp) throws Exception {
        var settings = f.settings(wm, tmp, false);
        var fork = new PullRequestEvent(f.event(Action.PREVIEW, true).forge(), "platform/config", 23, ForgeFixture.HEAD, "mallory/config", true,
                Action.PREVIEW);
        try (var queue = new PreviewQueue(settings, this::preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(Action.PREVIEW, false));
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 1);
            queue.offer(fork);
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.commentsPath(23)))).size() == 1);
        }
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, "fine"))));
        String comment = wm.findAll(postRequestedFor(urlEqualTo(f.commentsPath(23)))).get(0).getBodyAsString();
        org.junit.jupiter.api.Assertions.assertTrue(comment.contains("`mallory/config`") && comment.contains("previews.allowForks: true"), comment);
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void previewedWhenAllowed(ForgeFixture f, @TempDir Path tmp) throws Exception {
        var settings = f.settings(wm, tmp, true);
        try (var queue = new PreviewQueue(settings, this::preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(Action.PREVIEW, true));
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 1);
        }
        assertEquals(1, previewed.size());
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, "fine"))));
    }

    private PullRequestPreview.Verdict preview(PullRequestPreview.Side side, PullRequestEvent pr) {
        previewed.add(pr);
        return new PullRequestPreview.Verdict("preview", true, "fine");
    }
}
