package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The open pull requests are listed again every few minutes ({@link PreviewQueue#RELIST}): one whose
 * close webhook never came (it is no longer listed) is forgotten, its head's ref dropped and its
 * conflict gone from the other's comment; one whose webhook never came (a new pull request) is previewed.
 */
class APullRequestClosedWithoutAWebhookIsForgottenTest {
    private static final String HEAD_12 = "1".repeat(40);
    private static final String HEAD_14 = "4".repeat(40);
    private static final String HEAD_15 = "5".repeat(40);

    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();
    private final List<String> forgotten = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aRelistDropsWhatIsNoLongerOpenAndPreviewsWhatIsNew(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12, 14, 15);
        wm.stubFor(any(urlEqualTo(f.commentPath(12, "7"))).willReturn(ok()));
        wm.stubFor(any(urlEqualTo(f.commentPath(14, "8"))).willReturn(ok()));
        var settings = f.settings(wm, tmp, false);
        PullRequestPreview preview = new PullRequestPreview() {
            @Override
            public Verdict preview(Side side, PullRequestEvent pr) {
                var changes = new TreeSet<ChangedItem>(List.of(new ChangedItem.Key("staging", ObjectKey.configMap("staging", "app-config"), "A")));
                return new Verdict("preview of " + pr.number() + "\n", true, "staging would change at once", pr.number() == 15 ? new TreeSet<>() : changes);
            }

            @Override
            public void closed(Side side, PullRequestEvent pr) {
                forgotten.add(pr.key());
            }
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(12, HEAD_12, Action.PREVIEW));
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_12), 1);
            wm.stubFor(get(urlEqualTo(f.listUrl(12))).willReturn(okJson("[{\"id\":7,\"body\":\"" + PreviewComment.MARKER + "\"}]")));
            queue.offer(f.event(14, HEAD_14, Action.PREVIEW));
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_14), 1);
            ForgeFixture.awaitRequests(wm, RequestMethod.fromString(f.editMethod), f.commentPath(12, "7"), 1);
            wm.stubFor(get(urlEqualTo(f.listUrl(14))).willReturn(okJson("[{\"id\":8,\"body\":\"" + PreviewComment.MARKER + " with its conflict\"}]")));

            // 12 was closed and 15 opened, and neither webhook came
            wm.stubFor(get(urlEqualTo(f.openUrl())).willReturn(okJson("[" + f.openJson(14, HEAD_14, "platform/config") + ","
                    + f.openJson(15, HEAD_15, "platform/config") + "]")));
            wm.stubFor(get(urlEqualTo(f.openUrl("releases"))).willReturn(okJson("[]")));
            queue.relistNow();
            ForgeFixture.awaitRequests(wm, RequestMethod.POST, f.statusPath(HEAD_15), 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> !forgotten.isEmpty());
        }
        assertEquals(List.of("platform/config#12"), forgotten);
        wm.verify(1, f.authed(f.editMethod, urlEqualTo(f.commentPath(14, "8")))
                .withRequestBody(equalToJson(ForgeFixture.bodyJson(PreviewComment.MARKER + "\npreview of 14\n"))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(HEAD_14))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath(HEAD_12))));
    }
}
