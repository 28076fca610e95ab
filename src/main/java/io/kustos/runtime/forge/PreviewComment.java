package io.kustos.runtime.forge;

import java.util.List;

/**
 * The body of Kustos's one comment on a pull request. It starts with a hidden marker by which
 * Kustos finds it again (a restarted daemon edits it rather than posting a second one), and it
 * is cut at a line to the forge's size limit, saying how many lines were left out. When other open
 * pull requests change the same items, its {@link ConflictSection} comes first, so a cut keeps it.
 */
final class PreviewComment {
    static final String MARKER = "<!-- kustos-preview -->";
    private static final String OUTDATED = "> [!NOTE]\n> **Outdated**: ";

    private PreviewComment() {
    }

    /** Whether {@code body} is Kustos's comment. */
    static boolean isOurs(String body) {
        return body.startsWith(MARKER);
    }

    /** The comment for {@code markdown}, within {@code limit} characters. */
    static String of(String markdown, int limit) {
        return of(markdown, "", limit);
    }

    /** The comment for {@code markdown}, opened by its {@link ConflictSection} ({@code conflicts}, may be empty), within {@code limit} characters. */
    static String of(String markdown, String conflicts, int limit) {
        String full = MARKER + "\n" + conflicts + markdown;
        if (full.length() <= limit) {
            return full;
        }
        List<String> lines = full.lines().toList();
        int kept = lines.size();
        String body;
        do {
            kept--;
            body = cut(lines, kept);
        } while (body.length() > limit && kept > 1);
        return body;
    }

    /** The note that marks the comment of {@code pr} outdated: {@code this merge request is merged; …} (as its forge and its end word it). */
    static String outdatedNote(PullRequestEvent pr) {
        return OUTDATED + "this " + pr.noun() + " is " + (pr.action() == PullRequestEvent.Action.MERGED ? "merged" : "closed")
                + "; the preview below is of its last head.\n\n";
    }

    /** The comment marked outdated (once), without its conflicts: a closed pull request conflicts with none. */
    static String outdated(String comment, PullRequestEvent pr) {
        String body = ConflictSection.without(comment);
        if (body.startsWith(MARKER + "\n" + OUTDATED)) {
            return body;
        }
        return MARKER + "\n" + outdatedNote(pr) + body.substring(Math.min(body.length(), MARKER.length() + 1));
    }

    /** The comment on a fork's pull request while previews of forks are off. */
    static String forksOff(PullRequestEvent pr) {
        return MARKER + "\n### Kustos preview\n\nThis " + pr.noun() + " comes from another repository ("
                + (pr.headRepo() == null ? "a fork" : "`" + pr.headRepo() + "`") + "), and previews of forks are off: "
                + "Kustos does not fetch a fork's content nor decrypt it with the cluster's keys.\n\n"
                + "To preview " + pr.noun() + "s from forks, set `previews.allowForks: true` in kustos.yaml "
                + "(anyone who can open a " + pr.noun() + " can then have its content rendered against the cluster).\n";
    }

    /** The first {@code kept} lines, closing a code block or a details element left open, then "and N more lines". */
    private static String cut(List<String> lines, int kept) {
        var out = new StringBuilder();
        String fence = null;
        int details = 0;
        for (String line : lines.subList(0, kept)) {
            out.append(line).append('\n');
            String trimmed = line.strip();
            if (fence == null && trimmed.startsWith("```")) {
                fence = trimmed.replaceAll("[^`].*$", "");
            } else if (fence != null && trimmed.equals(fence)) {
                fence = null;
            } else if (fence == null && trimmed.startsWith("<details")) {
                details++;
            } else if (fence == null && trimmed.startsWith("</details")) {
                details--;
            }
        }
        if (fence != null) {
            out.append(fence).append('\n');
        }
        out.append("\n… and ").append(lines.size() - kept).append(" more lines, left out to stay under the forge's size limit: ")
                .append("`kustos preview` prints them all.\n");
        out.append("</details>\n".repeat(Math.max(0, details)));
        return out.toString();
    }
}
