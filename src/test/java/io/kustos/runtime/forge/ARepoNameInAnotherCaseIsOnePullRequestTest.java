package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews.Forge;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A webhook spells the repo as the forge does ({@code Platform/Config}); kustos.yaml, and so the listing of open pull
 * requests, may spell it in another case ({@code platform/config}). Forges match repo names ignoring case: both are
 * one pull request, so a re-list neither forgets it nor previews it again.
 */
class ARepoNameInAnotherCaseIsOnePullRequestTest {
    @Test
    void aRelistInKustosYamlsSpellingKeepsThePullRequestAWebhookNamed() {
        var events = new QueuedEvents();
        var hooked = new PullRequestEvent(Forge.GITHUB, "Platform/Config", 12, "a".repeat(40), "Platform/Config", false,
                PullRequestEvent.Action.PREVIEW);
        events.listed(hooked);
        var listed = new PullRequestEvent(Forge.GITHUB, "platform/config", 12, "a".repeat(40), "platform/config", false,
                PullRequestEvent.Action.PREVIEW);

        var relisted = events.relisted("platform/config", List.of(listed), false);

        assertEquals(List.of(), relisted.gone(), "forgotten though still open");
        assertEquals(List.of(), relisted.moved(), "previewed again at the same head");
        assertEquals(hooked.key(), listed.key());
    }
}
