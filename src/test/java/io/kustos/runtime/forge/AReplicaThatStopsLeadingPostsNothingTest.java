package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.runtime.forge.ForgeApi.CommitState;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A replica that stops leading ({@link PreviewQueue#suspend()}) posts nothing more: the preview in
 * flight reports nothing, a preview due to be tried again is dropped, a webhook's event is not taken,
 * and what it kept of each pull request goes (its head's ref too). Leading again, it lists the open
 * pull requests and previews them, but posts no status the forge already shows.
 */
class AReplicaThatStopsLeadingPostsNothingTest {
    private static final String NOTHING = "a merge would change nothing";

    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void thePreviewInFlightReportsNothing(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12);
        wm.stubFor(get(urlPathMatching(".*/(pulls|merge_requests)")).willReturn(okJson("[]")));
        var settings = f.settings(wm, tmp, false);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> forgotten = new CopyOnWriteArrayList<>();
        PullRequestPreview preview = new PullRequestPreview() {
            @Override
            public Verdict preview(Side side, PullRequestEvent pr) {
                started.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Verdict("ran", true, NOTHING);
            }

            @Override
            public void closed(Side side, PullRequestEvent pr) {
                forgotten.add(pr.headRef());
            }
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(Action.PREVIEW, false));
            assertTrue(started.await(20, TimeUnit.SECONDS));
            queue.suspend();
            assertTrue(queue.offer(f.event(14, ForgeFixture.HEAD, Action.PREVIEW)).contains("does not preview"));
            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> !forgotten.isEmpty()); // runs on the preview thread after the preview in flight
        }
        assertEquals(List.of(f == ForgeFixture.GITLAB ? "refs/merge-requests/12/head" : "refs/pull/12/head"), forgotten);
        wm.verify(0, postRequestedFor(urlPathMatching(".*/statuses/.*")));
        wm.verify(0, postRequestedFor(urlEqualTo(f.commentsPath(12))));
    }

    /** Sharded: an event to a replica that does not preview is passed on (the previewer re-lists at once), and says so. */
    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void anEventToAReplicaThatDoesNotPreviewIsPassedOn(ForgeFixture f, @TempDir Path tmp) throws Exception {
        var settings = f.settings(wm, tmp, false);
        var passed = new java.util.concurrent.atomic.AtomicInteger();
        PullRequestPreview preview = (side, pr) -> new PullRequestPreview.Verdict("ran", true, NOTHING);
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.suspend();
            assertTrue(queue.offer(f.event(14, ForgeFixture.HEAD, Action.PREVIEW)).contains("does not preview"), "nothing to pass it on to");
            queue.passOnWith(passed::incrementAndGet);
            assertEquals("pull request event passed on to the replica that previews (it re-lists the open pull requests now)",
                    queue.offer(f.event(14, ForgeFixture.HEAD, Action.PREVIEW)));
        }
        assertEquals(1, passed.get());
        wm.verify(0, postRequestedFor(urlPathMatching(".*/statuses/.*")));
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aPreviewDueToBeTriedAgainIsDropped(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12);
        var settings = f.settings(wm, tmp, false);
        List<PullRequestEvent> previewed = new CopyOnWriteArrayList<>();
        PullRequestPreview preview = (side, pr) -> {
            previewed.add(pr);
            return PullRequestPreview.Verdict.failed(new TransientException("API server unreachable", FailureReason.CLUSTER_UNREACHABLE, null));
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }),
                Duration.ofSeconds(1))) {
            queue.offer(f.event(Action.PREVIEW, false));
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(), 1);
            queue.suspend();
            // tried again 1 s after the first had it not been dropped
            await().during(Duration.ofMillis(1600)).atMost(Duration.ofSeconds(5)).until(() -> previewed.size() == 1);
        }
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())));
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void leadingAgainPostsNoStatusTheForgeShows(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12, 14);
        String head14 = "4".repeat(40);
        wm.stubFor(get(urlEqualTo(f.openUrl())).willReturn(okJson("[" + f.openJson(12, ForgeFixture.HEAD, "platform/config") + ","
                + f.openJson(14, head14, "platform/config") + "]")));
        wm.stubFor(get(urlEqualTo(f.openUrl("releases"))).willReturn(okJson("[]")));
        String comment = PreviewComment.MARKER + "\nran\n";
        for (int n : new int[] {12, 14}) {
            wm.stubFor(get(urlEqualTo(f.listUrl(n))).willReturn(okJson("[{\"id\":" + n + ",\"body\":" + ForgeFixture.quote(comment) + "}]")));
        }
        wm.stubFor(get(urlPathEqualTo(f.statusesPath(ForgeFixture.HEAD))).willReturn(okJson(f.shownJson(CommitState.SUCCESS, NOTHING))));
        wm.stubFor(get(urlPathEqualTo(f.statusesPath(head14))).willReturn(okJson(f.shownJson(CommitState.FAILURE, "staging: an older verdict"))));
        var settings = f.settings(wm, tmp, false);
        PullRequestPreview preview = (side, pr) -> new PullRequestPreview.Verdict("ran\n", true, NOTHING);
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.suspend();
            queue.resume();
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(head14), 1);
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(f.statusesPath(ForgeFixture.HEAD))));
        wm.verify(0, postRequestedFor(urlEqualTo(f.statusPath())));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(head14))).withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, NOTHING))));
        wm.verify(0, postRequestedFor(urlPathMatching(".*/(comments|notes)")));
        wm.verify(0, new com.github.tomakehurst.wiremock.matching.RequestPatternBuilder(RequestMethod.fromString(f.editMethod), anyUrl()));
    }
}
