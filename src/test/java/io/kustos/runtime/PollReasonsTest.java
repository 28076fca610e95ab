package io.kustos.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustos.reconcile.PollScope;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A poll fetches only the sources webhooks named when every trigger it coalesced is such a webhook; else both. */
class PollReasonsTest {
    @Test
    void onlyWebhooksNamingASourceNarrowThePoll() {
        String config = PollReasons.webhook(WebhookProvider.GITHUB, "config");
        String releases = PollReasons.webhook(WebhookProvider.GITEA, "releases");
        assertEquals("webhook github for config", config);

        assertEquals(PollScope.CONFIG, PollReasons.scope(Set.of(config)));
        assertEquals(PollScope.RELEASES, PollReasons.scope(Set.of(releases)));
        assertEquals(PollScope.BOTH, PollReasons.scope(Set.of(config, releases)));
        assertEquals(PollScope.BOTH, PollReasons.scope(Set.of(config, "poll")), "a timer's poll coalesced with it");
        assertEquals(PollScope.BOTH, PollReasons.scope(Set.of(PollReasons.webhook(WebhookProvider.GITHUB, null))));
        assertEquals(PollScope.BOTH, PollReasons.scope(Set.of("leader")));
        assertEquals(PollScope.BOTH, PollReasons.scope(Set.of("webhook github for nothing")));
        assertEquals(PollScope.BOTH, PollReasons.scope(Set.of()));
    }
}
