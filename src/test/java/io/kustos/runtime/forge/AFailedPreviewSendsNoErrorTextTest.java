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

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A preview that failed before any environment for a reason a person must fix (a trusted keys file
 * that cannot be read, a kubeconfig that cannot be used): the forge gets a fixed text of the reason
 * and what to do, never the exception's message, which names a key file, a local path or the API server.
 */
class AFailedPreviewSendsNoErrorTextTest {
    private static final String OWN_SETTINGS = "could not be previewed: Kustos's own settings or files could not be used: its operators find why in its log";

    @RegisterExtension
    final WireMockExtension wm = ForgeFixture.forge();

    @ParameterizedTest
    @EnumSource(ForgeFixture.class)
    void theForgeGetsAFixedTextOfTheReason(ForgeFixture f, @TempDir Path tmp) throws Exception {
        f.stubPullRequests(wm, 12);
        var settings = f.settings(wm, tmp, false);
        PullRequestPreview preview = (side, pr) -> PullRequestPreview.Verdict.failed(new StallingException(
                "source 'config': cannot read /etc/kustos/secret-keys/trusted.asc for the API server https://10.9.8.7:6443",
                FailureReason.TRUSTED_KEYS));
        try (var queue = new PreviewQueue(settings, preview, PreviewQueue.api(settings), new ForgeRetry(0, Duration.ofMillis(10), d -> { }))) {
            queue.offer(f.event(Action.PREVIEW, false));
            ForgeFixture.awaitRequests(wm, com.github.tomakehurst.wiremock.http.RequestMethod.POST, f.statusPath(), 1);
        }
        wm.verify(1, postRequestedFor(urlEqualTo(f.statusPath())).withRequestBody(equalToJson(f.statusJson(CommitState.FAILURE, OWN_SETTINGS))));
        wm.verify(1, postRequestedFor(urlEqualTo(f.commentsPath())).withRequestBody(matchingJsonPath("$.body",
                containing("The preview could not run: Kustos's own settings or files could not be used"))));
        for (var request : wm.getAllServeEvents()) {
            String body = request.getRequest().getBodyAsString();
            assertFalse(body.contains("secret-keys") || body.contains("trusted.asc") || body.contains("10.9.8.7") || body.contains("6443"), body);
        }
    }
}
