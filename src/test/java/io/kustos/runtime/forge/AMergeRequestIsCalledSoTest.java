package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews.Forge;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Comments use their forge's words: a GitLab merge request is a "merge request", and a merged one
 * is "merged", not "closed" (GitHub and Gitea say so from the closed event's {@code merged}).
 */
class AMergeRequestIsCalledSoTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static PullRequestEvent event(Forge forge, Action action, boolean fork) {
        return new PullRequestEvent(forge, "platform/config", 12, SHA, fork ? "someone/config" : "platform/config", fork, action);
    }

    @Test
    void aMergedMergeRequestsCommentSaysMerged() {
        String comment = PreviewComment.of("### Kustos preview\n", GitLabApi.COMMENT_LIMIT);
        assertEquals(PreviewComment.MARKER + "\n> [!NOTE]\n> **Outdated**: this merge request is merged; the preview below is of its last head.\n\n"
                + "### Kustos preview\n", PreviewComment.outdated(comment, event(Forge.GITLAB, Action.MERGED, false)));
        assertTrue(PreviewComment.outdated(comment, event(Forge.GITLAB, Action.CLOSED, false)).contains("this merge request is closed;"));
        assertTrue(PreviewComment.outdated(comment, event(Forge.GITHUB, Action.MERGED, false)).contains("this pull request is merged;"));
    }

    @Test
    void aForksMergeRequestAndConflictsAreCalledMergeRequests() {
        String forks = PreviewComment.forksOff(event(Forge.GITLAB, Action.PREVIEW, true));
        assertTrue(forks.contains("This merge request comes from another repository (`someone/config`)"), forks);
        assertTrue(forks.contains("To preview merge requests from forks") && !forks.contains("pull request"), forks);
        var other = new PullRequestEvent(Forge.GITLAB, "platform/config", 14, SHA, "platform/config", false, Action.PREVIEW);
        var conflicts = new TreeMap<io.kustos.reconcile.preview.ChangedItem, java.util.List<PullRequestEvent>>();
        conflicts.put(new io.kustos.reconcile.preview.ChangedItem.Key("staging", io.kustos.render.ObjectKey.configMap("staging", "app-config"), "A"),
                java.util.List.of(other));
        String section = ConflictSection.of(event(Forge.GITLAB, Action.PREVIEW, false), conflicts);
        assertTrue(section.startsWith("> [!WARNING]\n> **Conflicts with other open merge requests**:"), section);
        assertEquals(PreviewComment.MARKER + "\nbody\n", ConflictSection.without(PreviewComment.MARKER + "\n" + section + "body\n"));
    }

    @Test
    void aClosedEventSaysWhetherItWasMerged() {
        String merged = """
                {"action":"closed","number":12,"pull_request":{"number":12,"merged":true,
                  "head":{"sha":"%s","repo":{"full_name":"platform/config"}},"base":{"repo":{"full_name":"platform/config"}}}}
                """.formatted(SHA);
        for (Forge forge : new Forge[] {Forge.GITHUB, Forge.GITEA}) {
            assertEquals(Action.MERGED, PullRequestEvents.parse(forge, merged.getBytes(StandardCharsets.UTF_8)).orElseThrow().action());
            assertEquals(Action.CLOSED, PullRequestEvents.parse(forge, merged.replace("\"merged\":true", "\"merged\":false")
                    .getBytes(StandardCharsets.UTF_8)).orElseThrow().action());
        }
    }
}
