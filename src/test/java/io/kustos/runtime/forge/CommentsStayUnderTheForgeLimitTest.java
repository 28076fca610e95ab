package io.kustos.runtime.forge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A preview longer than the forge takes (GitHub 65,536 characters, GitLab 1,000,000) is cut at a
 * line, a code block left open is closed, and the comment says how many lines were left out.
 */
class CommentsStayUnderTheForgeLimitTest {

    @Test
    void aShortPreviewIsWholeBehindTheMarker() {
        assertEquals("<!-- kustos-preview -->\n### Kustos preview\n", PreviewComment.of("### Kustos preview\n", GitHubApi.COMMENT_LIMIT));
    }

    @Test
    void aLongOneIsCutAndSaysSo() {
        var markdown = new StringBuilder("### Kustos preview\n\n<details><summary>Diff</summary>\n\n```diff\n");
        for (int i = 0; i < 5000; i++) {
            markdown.append("+  KEY_").append(i).append(": value number ").append(i).append('\n');
        }
        markdown.append("```\n</details>\n");
        String comment = PreviewComment.of(markdown.toString(), GitHubApi.COMMENT_LIMIT);
        assertTrue(comment.length() <= GitHubApi.COMMENT_LIMIT, "length " + comment.length());
        assertTrue(comment.startsWith(PreviewComment.MARKER + "\n### Kustos preview"));
        assertTrue(comment.matches("(?s).*\n```\n\n… and \\d+ more lines, left out to stay under the forge's size limit: `kustos preview` prints them all\\.\n</details>\n"),
                comment.substring(comment.length() - 300));
        int kept = (int) comment.lines().filter(l -> l.startsWith("+  KEY_")).count();
        int said = Integer.parseInt(comment.replaceAll("(?s).*… and (\\d+) more lines.*", "$1"));
        assertEquals(5000 + 2, kept + said, "every line is kept or counted (the two closing lines included)");
        assertEquals(markdown.toString(), PreviewComment.of(markdown.toString(), GitLabApi.COMMENT_LIMIT).substring(PreviewComment.MARKER.length() + 1));
    }

    @Test
    void outdatedIsMarkedOnce() {
        String comment = PreviewComment.of("### Kustos preview\n", GitHubApi.COMMENT_LIMIT);
        var closed = new PullRequestEvent(io.kustos.config.PullRequestPreviews.Forge.GITHUB, "platform/config", 12, "a".repeat(40),
                "platform/config", false, PullRequestEvent.Action.CLOSED);
        String outdated = PreviewComment.outdated(comment, closed);
        assertTrue(outdated.startsWith(PreviewComment.MARKER + "\n> [!NOTE]\n> **Outdated**: this pull request is closed;"));
        assertTrue(outdated.endsWith("### Kustos preview\n"));
        assertEquals(outdated, PreviewComment.outdated(outdated, closed));
        assertTrue(PreviewComment.isOurs(outdated));
    }
}
