package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.runtime.forge.ForgeApi.CommitState;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On GitHub, GitLab and Gitea (WireMock, each request pinned: method, path, token header, JSON
 * body): the first push to a pull request creates Kustos's comment and sets {@code kustos/preview}
 * to success; the second edits the same comment (found by its marker among others' comments) and
 * sets failure naming file, line, key path and reason (after a restart too: the comment is found by its
 * marker, not remembered); closing marks the comment outdated.
 */
class OneCommentPerPullRequestTest {
    private static final String FAILURE = "environments/staging/app/config.yaml:3: data.PORT: an unquoted number; quote it";
    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void createdOnceEditedOnEachPushOutdatedOnClose(ForgeFixture f, @TempDir Path tmp) throws Exception {
        List<PullRequestPreview.Verdict> verdicts = new ArrayList<>(List.of(
                new PullRequestPreview.Verdict("first preview\n", true, "staging would change at once"),
                new PullRequestPreview.Verdict("second preview\n", false, FAILURE)));
        var settings = f.settings(wm, tmp, false);
        PullRequestPreview preview = (side, pr) -> verdicts.remove(0);
        var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(3, Duration.ofMillis(10), d -> { }));
        String others = "{\"id\":3,\"body\":\"LGTM\"}";
        wm.stubFor(get(urlEqualTo(f.listUrl())).willReturn(okJson("[" + others + "]")));
        wm.stubFor(post(urlEqualTo(f.commentsPath())).willReturn(created()));
        wm.stubFor(any(urlEqualTo(f.commentPath())).willReturn(ok()));
        wm.stubFor(post(urlEqualTo(f.statusPath())).willReturn(created()));

        queue.offer(f.event(Action.PREVIEW, false));
        awaitRequests(f, f.statusPath(), "POST", 1);
        String first = PreviewComment.MARKER + "\nfirst preview\n";
        wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath())).withRequestBody(equalToJson(ForgeFixture.bodyJson(first))));
        wm.verify(1, f.authed("POST", urlEqualTo(f.statusPath()))
                .withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, "staging would change at once"))));

        queue.close();
        queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(3, Duration.ofMillis(10), d -> { })); // a restarted daemon
        wm.stubFor(get(urlEqualTo(f.listUrl())).willReturn(okJson("[" + others + ",{\"id\":7,\"body\":" + ForgeFixture.quote(first) + "}]")));
        queue.offer(f.event(Action.PREVIEW, false));
        awaitRequests(f, f.statusPath(), "POST", 2);
        String second = PreviewComment.MARKER + "\nsecond preview\n";
        wm.verify(1, postRequestedFor(urlEqualTo(f.commentsPath())));
        wm.verify(1, f.authed(f.editMethod, urlEqualTo(f.commentPath())).withRequestBody(equalToJson(ForgeFixture.bodyJson(second))));
        wm.verify(1, f.authed("POST", urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.FAILURE, FAILURE))));

        wm.stubFor(get(urlEqualTo(f.listUrl())).willReturn(okJson("[" + others + ",{\"id\":7,\"body\":" + ForgeFixture.quote(second) + "}]")));
        queue.offer(f.event(Action.CLOSED, false));
        awaitRequests(f, f.commentPath(), f.editMethod, 2);
        wm.verify(1, f.authed(f.editMethod, urlEqualTo(f.commentPath())).withRequestBody(equalToJson(ForgeFixture.bodyJson(
                PreviewComment.MARKER + "\n> [!NOTE]\n> **Outdated**: this " + (f == ForgeFixture.GITLAB ? "merge" : "pull")
                        + " request is closed; the preview below is of its last head.\n\nsecond preview\n"))));
        wm.verify(2, postRequestedFor(urlEqualTo(f.statusPath())));
        wm.verify(1, postRequestedFor(urlEqualTo(f.commentsPath())));
        assertEquals(List.of(), wm.findAllUnmatchedRequests());
        queue.close();
    }

    private void awaitRequests(ForgeFixture f, String path, String method, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(new com.github.tomakehurst.wiremock.matching.RequestPatternBuilder(
                com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method), urlEqualTo(path))).size() == count);
    }
}
