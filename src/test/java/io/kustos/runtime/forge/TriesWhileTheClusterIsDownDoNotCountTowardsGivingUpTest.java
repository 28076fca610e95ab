package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.failure.TransientException;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A pull request whose previews could not run because the cluster could not be reached, and then because its git
 * source could not be fetched (a forge's ref lagging its webhook), is given up only after
 * {@link PreviewQueue#MOST_TRIES_OF_A_SOURCE} fetch failures in a row: the tries while the cluster was down (tried
 * for ever, with a backoff) do not count towards it.
 */
class TriesWhileTheClusterIsDownDoNotCountTowardsGivingUpTest {
    private static final int CLUSTER_DOWN = 4;

    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @Test
    void onlyFetchFailuresInARowCount(@TempDir Path tmp) throws Exception {
        var f = ForgeFixture.GITHUB;
        wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));
        var settings = f.settings(wm, tmp, false);
        AtomicInteger tries = new AtomicInteger();
        PullRequestPreview preview = (side, pr) -> tries.incrementAndGet() <= CLUSTER_DOWN
                ? PullRequestPreview.Verdict.failed(new TransientException("the API server could not be reached",
                        FailureReason.CLUSTER_UNREACHABLE, null))
                : PullRequestPreview.Verdict.failed(new StallingException("source 'config': ref not found",
                        FailureReason.SOURCE_MISCONFIGURED));
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }),
                Duration.ofMillis(10))) {
            queue.offer(f.event(Action.PREVIEW, false));
            await().atMost(Duration.ofSeconds(30)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))
                    .withRequestBody(containing("5 times"))).size() == 1);
        }
        assertEquals(CLUSTER_DOWN + PreviewQueue.MOST_TRIES_OF_A_SOURCE, tries.get(),
                "given up after 5 fetch failures in a row, not after the 5th try of any kind");
    }
}
