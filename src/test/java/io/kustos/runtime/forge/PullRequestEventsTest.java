package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews.Forge;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Each forge's pull request webhook, as it sends it (trimmed), read into a {@link PullRequestEvent}. */
class PullRequestEventsTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    static String github(String action, String headRepo) {
        return """
                {"action":"%s","number":12,"pull_request":{"number":12,"state":"open",
                  "head":{"ref":"feature","sha":"%s","repo":%s},
                  "base":{"ref":"main","sha":"fedcba9876543210fedcba9876543210fedcba98","repo":{"full_name":"platform/config"}}},
                 "repository":{"full_name":"platform/config"}}
                """.formatted(action, SHA, headRepo == null ? "null" : "{\"full_name\":\"" + headRepo + "\"}");
    }

    static String gitlab(String action, int sourceProject) {
        return """
                {"object_kind":"merge_request","event_type":"merge_request","project":{"id":5,"path_with_namespace":"platform/team/config"},
                 "object_attributes":{"iid":12,"action":"%s","state":"opened","source_project_id":%d,"target_project_id":5,
                   "source":{"path_with_namespace":"%s"},"target":{"path_with_namespace":"platform/team/config"},
                   "last_commit":{"id":"%s"}}}
                """.formatted(action, sourceProject, sourceProject == 5 ? "platform/team/config" : "someone/config", SHA);
    }

    @Test
    void gitHubOpenedSynchronizeClosedAndOthers() {
        assertEquals(Optional.of(new PullRequestEvent(Forge.GITHUB, "platform/config", 12, SHA, "platform/config", false, Action.PREVIEW)),
                parse(Forge.GITHUB, github("opened", "platform/config")));
        assertEquals(Action.PREVIEW, parse(Forge.GITHUB, github("synchronize", "platform/config")).orElseThrow().action());
        assertEquals(Action.CLOSED, parse(Forge.GITHUB, github("closed", "platform/config")).orElseThrow().action());
        assertEquals(Action.IGNORED, parse(Forge.GITHUB, github("labeled", "platform/config")).orElseThrow().action());
    }

    @Test
    void aForkIsAnotherHeadRepoOrNone() {
        assertTrue(parse(Forge.GITHUB, github("opened", "someone/config")).orElseThrow().fromFork());
        assertTrue(parse(Forge.GITHUB, github("opened", null)).orElseThrow().fromFork(), "a deleted fork is still a fork");
        assertTrue(parse(Forge.GITEA, github("synchronized", "someone/config")).orElseThrow().fromFork());
        assertTrue(parse(Forge.GITLAB, gitlab("open", 9)).orElseThrow().fromFork());
        assertFalse(parse(Forge.GITLAB, gitlab("open", 5)).orElseThrow().fromFork());
    }

    @Test
    void giteaSaysSynchronized() {
        assertEquals(Action.PREVIEW, parse(Forge.GITEA, github("synchronized", "platform/config")).orElseThrow().action());
        assertEquals(Action.IGNORED, parse(Forge.GITEA, github("synchronize", "platform/config")).orElseThrow().action());
    }

    @Test
    void gitLabMergeRequests() {
        assertEquals(Optional.of(new PullRequestEvent(Forge.GITLAB, "platform/team/config", 12, SHA, "platform/team/config", false, Action.PREVIEW)),
                parse(Forge.GITLAB, gitlab("update", 5)));
        assertEquals(Action.MERGED, parse(Forge.GITLAB, gitlab("merge", 5)).orElseThrow().action());
        assertEquals(Action.CLOSED, parse(Forge.GITLAB, gitlab("close", 5)).orElseThrow().action());
        assertEquals(Action.IGNORED, parse(Forge.GITLAB, gitlab("approved", 5)).orElseThrow().action());
        assertEquals("refs/merge-requests/12/head", parse(Forge.GITLAB, gitlab("open", 5)).orElseThrow().headRef());
    }

    @Test
    void gitHubFormEncodedDeliveryIsRead() {
        String form = "payload=" + URLEncoder.encode(github("opened", "platform/config"), StandardCharsets.UTF_8);
        assertEquals(12, parse(Forge.GITHUB, form).orElseThrow().number());
    }

    @Test
    void theEventHeaderSaysWhatIsAPullRequest() {
        assertTrue(PullRequestEvents.isPullRequest(Forge.GITHUB, Map.of("X-GitHub-Event", "pull_request")::get));
        assertFalse(PullRequestEvents.isPullRequest(Forge.GITHUB, Map.of("X-GitHub-Event", "push")::get));
        assertTrue(PullRequestEvents.isPullRequest(Forge.GITLAB, Map.of("X-Gitlab-Event", "Merge Request Hook")::get));
        assertFalse(PullRequestEvents.isPullRequest(Forge.GITLAB, Map.of("X-Gitlab-Event", "Push Hook")::get));
        assertTrue(PullRequestEvents.isPullRequest(Forge.GITEA, Map.of("X-Gitea-Event", "pull_request")::get));
        assertFalse(PullRequestEvents.isPullRequest(Forge.GITEA, name -> null));
    }

    @Test
    void notAnEventIsNothing() {
        assertEquals(Optional.empty(), parse(Forge.GITHUB, "not json"));
        assertEquals(Optional.empty(), parse(Forge.GITHUB, "{\"zen\":\"ping\"}"));
    }

    private static Optional<PullRequestEvent> parse(Forge forge, String body) {
        return PullRequestEvents.parse(forge, body.getBytes(StandardCharsets.UTF_8));
    }
}
