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
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A forge that rate-limits (429 with Retry-After) is asked again after the wait it asked for; one
 * that fails (5xx) is asked again after the backoff; a 4xx other than 429 is final (one request);
 * the retries stop after {@code previews.retries}. The waits are recorded, not slept.
 */
class ForgeCallsAreRetriedTest {
    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();
    private final List<Duration> waits = new ArrayList<>();
    private final ForgeRetry retry = new ForgeRetry(3, Duration.ofMillis(10), waits::add);

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void rateLimitedIsRetriedAfterRetryAfter(ForgeFixture f, @TempDir Path tmp) throws Exception {
        ForgeApi api = PreviewQueue.api(f.settings(wm, tmp, false));
        wm.stubFor(post(urlEqualTo(f.statusPath())).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("open"));
        wm.stubFor(post(urlEqualTo(f.statusPath())).inScenario("limit").whenScenarioStateIs("open").willReturn(created()));
        retry.run(() -> api.status(f.event(Action.PREVIEW, false), CommitState.SUCCESS, "ok"));
        wm.verify(2, f.authed("POST", urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.SUCCESS, "ok"))));
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void serverErrorsAreRetriedWithBackoffThenGivenUp(ForgeFixture f, @TempDir Path tmp) throws Exception {
        ForgeApi api = PreviewQueue.api(f.settings(wm, tmp, false));
        wm.stubFor(post(urlEqualTo(f.commentsPath())).willReturn(serverError()));
        var failure = assertThrows(JsonHttp.CallFailed.class, () -> retry.run(() -> api.createComment(f.event(Action.PREVIEW, false), "x")));
        assertEquals(f.forge.word() + ": HTTP 500", failure.getMessage());
        wm.verify(4, postRequestedFor(urlEqualTo(f.commentsPath())));
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40)), waits);
    }

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aClientErrorIsNotRetried(ForgeFixture f, @TempDir Path tmp) throws Exception {
        ForgeApi api = PreviewQueue.api(f.settings(wm, tmp, false));
        wm.stubFor(post(urlEqualTo(f.statusPath())).willReturn(aResponse().withStatus(422)));
        var failure = assertThrows(JsonHttp.CallFailed.class,
                () -> retry.run(() -> api.status(f.event(Action.PREVIEW, false), CommitState.FAILURE, "bad")));
        assertFalse(failure.getMessage().contains(ForgeFixture.TOKEN));
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())));
        assertEquals(List.of(), waits);
    }

    /** Each retry is logged with the call (method and path, no host nor token) and the forge's message. */
    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void eachRetryIsLoggedWithTheCallAndTheForgesMessage(ForgeFixture f, @TempDir Path tmp) throws Exception {
        ForgeApi api = PreviewQueue.api(f.settings(wm, tmp, false));
        wm.stubFor(post(urlEqualTo(f.statusPath())).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4")
                        .withBody("{\"message\":\"API rate limit exceeded for installation\"}")).willSetStateTo("open"));
        wm.stubFor(post(urlEqualTo(f.statusPath())).inScenario("limit").whenScenarioStateIs("open").willReturn(created()));
        try (var log = io.kustos.testsupport.LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
            retry.run(() -> api.status(f.event(Action.PREVIEW, false), CommitState.SUCCESS, "ok"));
            var lines = log.events().stream().filter(e -> e.getLoggerName().equals(ForgeRetry.class.getName()))
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of(f.forge.word() + ": HTTP 429 on POST " + f.statusPath()
                    + " (API rate limit exceeded for installation); trying again in 4s (retry 1 of 3)"), lines);
        }
    }

    /** A refused token's final failure names the call, the forge's message and what to check; never the host nor the token. */
    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void aRefusedTokenSaysWhatToCheck(ForgeFixture f, @TempDir Path tmp) throws Exception {
        ForgeApi api = PreviewQueue.api(f.settings(wm, tmp, false));
        wm.stubFor(get(urlEqualTo(f.listUrl())).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        var failure = assertThrows(JsonHttp.CallFailed.class, () -> retry.call(() -> api.comments(f.event(Action.PREVIEW, false))));
        String path = f.commentsPath();
        assertEquals(f.forge.word() + ": HTTP 401 on GET " + path + " (Bad credentials): check previews.tokenFile: the token is missing, "
                + "wrong or expired", ForgeFailure.describe(failure));
        assertFalse(ForgeFailure.describe(failure).contains("127.0.0.1") || ForgeFailure.describe(failure).contains(ForgeFixture.TOKEN));
        assertEquals(List.of(), waits);
    }
}
