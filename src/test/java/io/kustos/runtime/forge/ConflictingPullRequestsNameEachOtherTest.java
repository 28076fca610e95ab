package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.render.ObjectKey;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On GitHub, GitLab and Gitea (WireMock, each request pinned): two open pull requests whose
 * previews change key {@code A} of {@code configmap/staging/app-config} name each other. The
 * second's comment is created with its conflict, and the first's comment is edited to add it;
 * when the first closes, its comment is marked outdated without conflicts and the second's is
 * edited to drop it. A restarted daemon finds the same by listing the open pull requests and
 * previewing them ({@link PreviewQueue#resume()}): each comment names the other at once, a fork's
 * pull request is left alone.
 */
class ConflictingPullRequestsNameEachOtherTest {
    private static final String HEAD_12 = "1".repeat(40);
    private static final String HEAD_14 = "4".repeat(40);
    private static final String FORK_HEAD = "9".repeat(40);
    /** The conflict section's title, in the forge's word ("merge requests" on GitLab). */
    private static String section(ForgeFixture f) {
        return "> [!WARNING]\n> **Conflicts with other open " + (f == ForgeFixture.GITLAB ? "merge" : "pull") + " requests**: they change the same items"
                + " in the same environments; the one merged last decides them.\n>\n";
    }
    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();
    private final List<PullRequestEvent> previewed = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void bothNameEachOtherUntilOneCloses(ForgeFixture f, @TempDir Path tmp) throws Exception {
        stubForge(f);
        var settings = f.settings(wm, tmp, false);
        try (var queue = new PreviewQueue(settings, this::preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(12, HEAD_12, Action.PREVIEW));
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_12), 1);
            String first = PreviewComment.MARKER + "\npreview of 12\n";
            wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath(12))).withRequestBody(equalToJson(ForgeFixture.bodyJson(first))));
            wm.stubFor(get(urlEqualTo(f.listUrl(12))).willReturn(okJson("[{\"id\":7,\"body\":" + ForgeFixture.quote(first) + "}]")));

            queue.offer(f.event(14, HEAD_14, Action.PREVIEW));
            String firstWithConflict = PreviewComment.MARKER + "\n" + section(f) + line(f, 14) + "\npreview of 12\n";
            ForgeFixture.awaitRequests(wm, RequestMethod.fromString(f.editMethod), f.commentPath(12, "7"), 1);
            wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath(14)))
                    .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\n" + section(f) + line(f, 12) + "\npreview of 14\n"))));
            wm.verify(1, f.authed(f.editMethod, urlEqualTo(f.commentPath(12, "7"))).withRequestBody(equalToJson(ForgeFixture.bodyJson(firstWithConflict))));
            wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(HEAD_14))));
            wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(HEAD_12)))); // the other's status is not set again

            wm.stubFor(get(urlEqualTo(f.listUrl(12))).willReturn(okJson("[{\"id\":7,\"body\":" + ForgeFixture.quote(firstWithConflict) + "}]")));
            wm.stubFor(get(urlEqualTo(f.listUrl(14))).willReturn(okJson("[{\"id\":8,\"body\":"
                    + ForgeFixture.quote(PreviewComment.MARKER + "\n" + section(f) + line(f, 12) + "\npreview of 14\n") + "}]")));
            queue.offer(f.event(12, HEAD_12, Action.CLOSED));
            ForgeFixture.awaitRequests(wm, RequestMethod.fromString(f.editMethod), f.commentPath(14, "8"), 1);
            wm.verify(1, f.authed(f.editMethod, urlEqualTo(f.commentPath(14, "8")))
                    .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\npreview of 14\n"))));
            wm.verify(1, f.authed(f.editMethod, urlEqualTo(f.commentPath(12, "7")))
                    .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\n" + PreviewComment.outdatedNote(f.event(12, HEAD_12, Action.CLOSED)) + "preview of 12\n"))));
        }
        assertEquals(List.of(), wm.findAllUnmatchedRequests());
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aRestartedDaemonPreviewsTheOpenPullRequestsAndNamesTheConflictsAtOnce(ForgeFixture f, @TempDir Path tmp) throws Exception {
        stubForge(f);
        wm.stubFor(get(urlEqualTo(f.openUrl())).willReturn(okJson("[" + f.openJson(12, HEAD_12, "platform/config") + ","
                + f.openJson(14, HEAD_14, "platform/config") + "," + f.openJson(15, FORK_HEAD, "someone/config") + "]")));
        wm.stubFor(get(urlEqualTo(f.openUrl("releases"))).willReturn(okJson("[]")));
        var settings = f.settings(wm, tmp, false);
        try (var queue = new PreviewQueue(settings, this::preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.resume();
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_14), 1);
        }
        wm.verify(1, f.authed("GET", urlEqualTo(f.openUrl())));
        wm.verify(1, f.authed("GET", urlEqualTo(f.openUrl("releases"))));
        assertEquals(List.of(f.event(12, HEAD_12, Action.PREVIEW), f.event(14, HEAD_14, Action.PREVIEW)), previewed, "not the fork's");
        wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath(12)))
                .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\n" + section(f) + line(f, 14) + "\npreview of 12\n"))));
        wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath(14)))
                .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\n" + section(f) + line(f, 12) + "\npreview of 14\n"))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(HEAD_12))));
        wm.verify(0, postRequestedFor(urlEqualTo(f.statusPath(FORK_HEAD))));
        wm.verify(0, new RequestPatternBuilder(RequestMethod.fromString(f.editMethod), anyUrl()));
        assertEquals(List.of(), wm.findAllUnmatchedRequests());
    }

    private void stubForge(ForgeFixture f) {
        f.stubPullRequests(wm, 12, 14);
        wm.stubFor(any(urlEqualTo(f.commentPath(12, "7"))).willReturn(ok()));
        wm.stubFor(any(urlEqualTo(f.commentPath(14, "8"))).willReturn(ok()));
    }

    /** Both change key A of app-config in staging. */
    private PullRequestPreview.Verdict preview(PullRequestPreview.Side side, PullRequestEvent pr) {
        previewed.add(pr);
        var changes = new TreeSet<ChangedItem>(List.of(new ChangedItem.Key("staging", ObjectKey.configMap("staging", "app-config"), "A")));
        return new PullRequestPreview.Verdict("preview of " + pr.number() + "\n", true, "staging would change at once", changes);
    }

    /** The conflict line naming pull request {@code other}, as the forge links it. */
    private static String line(ForgeFixture f, int other) {
        return "> - staging: `configmap/staging/app-config` key `A`: also changed by " + (f == ForgeFixture.GITLAB ? "!" : "#") + other + "\n";
    }
}
