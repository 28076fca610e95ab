package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.runtime.forge.ForgeApi.CommitState;
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

/**
 * A pull request whose git source cannot be fetched (a wrong {@code sources.config.url}) is tried a
 * few times, not forever: then its status says it could not be previewed and what to do, and it is
 * not tried again until a new push, which is previewed.
 */
class AGitSourceThatCannotBeFetchedIsTriedAFewTimesTest {
    private static final String NEW_HEAD = "fedcba9876543210fedcba9876543210fedcba98";

    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void itGivesUpSaysWhatToDoAndTakesTheNextPush(ForgeFixture f, @TempDir Path tmp) throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));
        var settings = f.settings(wm, tmp, false);
        List<String> previewed = new CopyOnWriteArrayList<>();
        PullRequestPreview preview = (side, pr) -> {
            previewed.add(pr.headSha());
            return PullRequestPreview.Verdict.failed(new StallingException("source 'config' (git://git.internal/config.git): repository not found",
                    FailureReason.SOURCE_MISCONFIGURED));
        };
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }),
                Duration.ofMillis(10))) {
            queue.offer(f.event(Action.PREVIEW, false));
            await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(postRequestedFor(urlEqualTo(f.statusPath()))).size() == 2);
            // tries at 10, 20, 40, 80 ms: a sixth would have come well within this
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> previewed.size() == PreviewQueue.MOST_TRIES_OF_A_SOURCE);
            queue.offer(f.event(12, NEW_HEAD, Action.PREVIEW));
            await().atMost(Duration.ofSeconds(20)).until(() -> previewed.contains(NEW_HEAD));
        }
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.UNAVAILABLE,
                "could not be previewed: a git source could not be fetched; Kustos will try again"))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.SKIPPED,
                "could not be previewed: a git source could not be fetched 5 times; check sources.*.url in kustos.yaml, then push again"))));
        assertEquals(PreviewQueue.MOST_TRIES_OF_A_SOURCE, previewed.stream().filter(ForgeFixture.HEAD::equals).count());
    }
}
