package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.kustos.config.PullRequestPreviews;
import io.kustos.config.SourceSpec;
import io.kustos.config.Sources;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import io.kustos.runtime.forge.PullRequestPreview.Side;
import org.junit.jupiter.api.Test;
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
import static org.junit.jupiter.api.Assertions.*;

/**
 * One repo that is both the config and the release repo ({@code previews.configRepo} and
 * {@code releasesRepo} name it, {@code sources.config} and {@code sources.releases} are one remote
 * and branch): a pull request's head is previewed as both ({@link Side#BOTH}), reported once, and
 * forgotten from both when it closes; a restarted daemon lists the repo's open pull requests once
 * and previews each once (WireMock, each request pinned). The same forge repo on two remotes or
 * branches stays the config side, as before.
 */
class OneRepoForBothIsPreviewedAsOneTest {
    private static final String HEAD_12 = "1".repeat(40);
    private static final String HEAD_14 = "4".repeat(40);
    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();
    private final List<String> previewed = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aPullRequestIsPreviewedAsBothReportedOnceAndForgottenFromBoth(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12, 14);
        try (var queue = queue(f, tmp)) {
            queue.offer(f.event(12, HEAD_12, Action.PREVIEW));
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_12), 1);
            queue.offer(f.event(12, HEAD_12, Action.CLOSED));
            await().atMost(Duration.ofSeconds(20)).until(() -> previewed.size() == 2);
        }
        assertEquals(List.of("preview BOTH #12", "closed BOTH #12"), previewed);
        wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath(12)))
                .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\npreview of 12\n"))));
        wm.verify(1, f.authed("POST", urlEqualTo(f.statusPath(HEAD_12)))
                .withRequestBody(equalToJson(f.statusJson(ForgeApi.CommitState.SUCCESS, "a merge would change 1 environment at once"))));
        assertEquals(List.of(), wm.findAllUnmatchedRequests());
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aRestartedDaemonListsTheRepoOnceAndPreviewsEachPullRequestOnce(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12, 14);
        wm.stubFor(get(urlEqualTo(f.openUrl())).willReturn(okJson("[" + f.openJson(12, HEAD_12, "platform/config") + ","
                + f.openJson(14, HEAD_14, "platform/config") + "]")));
        try (var queue = queue(f, tmp)) {
            queue.resume();
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_14), 1);
        }
        wm.verify(1, f.authed("GET", urlEqualTo(f.openUrl())));
        assertEquals(List.of("preview BOTH #12", "preview BOTH #14"), previewed);
        for (int n : new int[] {12, 14}) {
            wm.verify(1, f.authed("POST", urlEqualTo(f.commentsPath(n)))
                    .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\npreview of " + n + "\n"))));
        }
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(HEAD_12))));
        wm.verify(0, new RequestPatternBuilder(RequestMethod.fromString(f.editMethod), anyUrl()));
        assertEquals(List.of(), wm.findAllUnmatchedRequests());
    }

    @Test
    void oneForgeRepoOnTwoRemotesOrBranchesStaysTheConfigSide() {
        var settings = new PullRequestPreviews(PullRequestPreviews.Forge.GITHUB, null, Path.of("t"), "platform/both", "Platform/Both", false, 0,
                Duration.ofMillis(1));
        var pr = new PullRequestEvent(PullRequestPreviews.Forge.GITHUB, "platform/both", 3, HEAD_12, "platform/both", false, Action.PREVIEW);
        String url = "https://git.example.com/platform/both.git";
        var one = PreviewedRepos.of(settings, new Sources(new SourceSpec(url, "main", null), new SourceSpec(url, null, null)));
        assertEquals(Side.BOTH, one.side(pr));
        assertEquals(List.of("platform/both"), one.repos(), "listed once");
        assertEquals(Side.CONFIG, PreviewedRepos.of(settings, new Sources(new SourceSpec(url, "main", null),
                new SourceSpec("https://git.example.com/platform/other.git", "main", null))).side(pr));
        assertEquals(Side.CONFIG, PreviewedRepos.of(settings, new Sources(new SourceSpec(url, "config", null),
                new SourceSpec(url, "releases", null))).side(pr));

        var two = PreviewedRepos.of(new PullRequestPreviews(PullRequestPreviews.Forge.GITHUB, null, Path.of("t"), "platform/config",
                "platform/releases", false, 0, Duration.ofMillis(1)), new Sources(new SourceSpec(url, "main", null), new SourceSpec(url, "main", null)));
        assertEquals(Side.CONFIG, two.side(new PullRequestEvent(PullRequestPreviews.Forge.GITHUB, "platform/config", 3, HEAD_12, "platform/config",
                false, Action.PREVIEW)));
        assertEquals(Side.RELEASES, two.side(new PullRequestEvent(PullRequestPreviews.Forge.GITHUB, "platform/releases", 3, HEAD_12,
                "platform/releases", false, Action.PREVIEW)));
        assertEquals(List.of("platform/config", "platform/releases"), two.repos());
    }

    @Test
    void onOneRemoteEitherRepoAloneIsTheOneRepoForBoth() {
        String url = "https://git.example.com/platform/config.git";
        var oneRemote = new Sources(new SourceSpec(url, "main", null), new SourceSpec(url, "main", null));
        var pr = new PullRequestEvent(PullRequestPreviews.Forge.GITHUB, "platform/config", 3, HEAD_12, "platform/config", false, Action.PREVIEW);
        for (var settings : List.of(onlyRepo("platform/config", null), onlyRepo(null, "platform/config"))) {
            var one = PreviewedRepos.of(settings, oneRemote);
            assertEquals(Side.BOTH, one.side(pr), "a release change of the pull request is previewed too");
            assertEquals(List.of("platform/config"), one.repos());
        }
        var twoRemotes = new Sources(new SourceSpec(url, "main", null), new SourceSpec("https://git.example.com/platform/releases.git", "main", null));
        var configOnly = PreviewedRepos.of(onlyRepo("platform/config", null), twoRemotes);
        assertEquals(Side.CONFIG, configOnly.side(pr));
        assertEquals(List.of("platform/config"), configOnly.repos());
    }

    private static PullRequestPreviews onlyRepo(String configRepo, String releasesRepo) {
        return new PullRequestPreviews(PullRequestPreviews.Forge.GITHUB, null, Path.of("t"), configRepo, releasesRepo, false, 0, Duration.ofMillis(1));
    }

    /** A queue for platform/config as both repos, on one remote. */
    private PreviewQueue queue(ForgeFixture f, Path tmp) throws Exception {
        var s = f.settings(wm, tmp, false);
        var settings = new PullRequestPreviews(s.forge(), s.apiUrl(), s.tokenFile(), s.configRepo(), s.configRepo(), s.allowForks(), s.retries(),
                s.retryDelay());
        PullRequestPreview preview = new PullRequestPreview() {
            @Override
            public Verdict preview(Side side, PullRequestEvent pr) {
                previewed.add("preview " + side + " #" + pr.number());
                return new Verdict("preview of " + pr.number() + "\n", true, "a merge would change 1 environment at once");
            }

            @Override
            public void closed(Side side, PullRequestEvent pr) {
                previewed.add("closed " + side + " #" + pr.number());
            }
        };
        return new PreviewQueue(PreviewedRepos.of(settings, true), settings, preview, PreviewQueue.api(settings),
                new ForgeRetry(0, Duration.ofMillis(10), d -> { }), PreviewQueue.FIRST_TRY_AGAIN);
    }
}
