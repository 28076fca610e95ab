package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.runtime.forge.PullRequestEvent.Action;
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

/** A closed pull request is forgotten by its preview (its head's ref leaves the preview clone), once, with its side. */
class AClosedPullRequestIsForgottenTest {
    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void itsPreviewIsToldItClosed(ForgeFixture f, @TempDir Path tmp) throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));
        var settings = f.settings(wm, tmp, false);
        List<String> closed = new CopyOnWriteArrayList<>();
        PullRequestPreview preview = new PullRequestPreview() {
            @Override
            public Verdict preview(Side side, PullRequestEvent pr) {
                return new Verdict("ran", true, "a merge would change nothing");
            }

            @Override
            public void closed(Side side, PullRequestEvent pr) {
                closed.add(side + " " + pr.headRef());
            }
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(Action.CLOSED, false));
            await().atMost(Duration.ofSeconds(20)).until(() -> !closed.isEmpty());
        }
        assertEquals(List.of("CONFIG " + (f == ForgeFixture.GITLAB ? "refs/merge-requests/12/head" : "refs/pull/12/head")), closed);
    }
}
