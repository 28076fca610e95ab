package io.kustos.runtime;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.config.Notifications;
import io.kustos.outcome.Outcome;
import io.kustos.runtime.forge.JsonHttp;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A Slack incoming webhook's URL path is its key: a failed send names the channel, the status and
 * the host, never the path, in its message or in the call a log may print.
 */
class ASlackWebhookFailureNamesNoKeyTest {
    private static final String KEY = "T0SECRET/B0SECRET/xoxkeyxoxkey";
    private static final Revision REVISION = new Revision("main", "0123456789abcdef0123456789abcdef01234567");

    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance().options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void aRefusedSendNamesTheHostNotThePath(@TempDir Path tmp) throws Exception {
        slack.stubFor(post(urlEqualTo("/services/" + KEY)).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"no_service\"}")));
        var failed = send(tmp, slack.baseUrl() + "/services/" + KEY);
        assertEquals(404, failed.status());
        assertEquals("POST " + java.net.URI.create(slack.baseUrl()).getHost() + "/…", failed.call());
        assertNoKey(failed);
    }

    @Test
    void aSendThatGetsNoAnswerNamesTheHostNotThePath(@TempDir Path tmp) throws Exception {
        int closed = io.kustos.runtime.FreePort.on("127.0.0.1");
        var failed = send(tmp, "http://127.0.0.1:" + closed + "/services/" + KEY);
        assertEquals(0, failed.status());
        assertNoKey(failed);
    }

    private static JsonHttp.CallFailed send(Path tmp, String url) throws Exception {
        Path urlFile = Files.writeString(tmp.resolve("slack-url"), url + "\n");
        var sender = new NotificationSender(new Notifications(new Notifications.Slack(urlFile), null, null, null, null, null));
        return assertThrows(JsonHttp.CallFailed.class, () -> sender.slack(
                new NotificationEvent(Outcome.APPLIED, "staging", REVISION, REVISION, List.of(), null, null)));
    }

    private static void assertNoKey(JsonHttp.CallFailed failed) {
        for (String text : List.of(failed.getMessage(), failed.call(), failed.answer(), failed.toString())) {
            assertFalse(text.contains("SECRET") || text.contains("xoxkey") || text.contains("/services"), text);
        }
    }
}
