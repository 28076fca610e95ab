package io.kustos.runtime.forge;

import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.reconcile.preview.PreviewMarkdown;

import java.util.List;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of a pull request's comment that names the other open pull requests changing the same
 * items in the same environments. It opens the comment (a comment cut to the forge's size limit
 * keeps it), a quoted block ending at the first empty line, and names each other pull request as
 * the forge links it ({@code #14}, GitLab {@code !14}, in another repo {@code platform/releases#3}).
 */
final class ConflictSection {
    private static final String OPENS = "> [!WARNING]\n> **Conflicts with other open ";
    private static final String CLOSES = "s**: they change the same items in the same environments; the one merged last decides them.\n";
    /** The section right after the comment's marker, up to its empty line. */
    private static final Pattern SECTION = Pattern.compile("\\A(" + Pattern.quote(PreviewComment.MARKER) + "\n)" + Pattern.quote(OPENS)
            + "(?:pull|merge) request" + Pattern.quote(CLOSES) + "(?:>.*\n)*\n");

    private ConflictSection() {
    }

    /** The section of {@code pr}'s comment, empty without conflicts. */
    static String of(PullRequestEvent pr, SortedMap<ChangedItem, List<PullRequestEvent>> conflicts) {
        if (conflicts.isEmpty()) {
            return "";
        }
        var out = new StringBuilder(OPENS).append(pr.noun()).append(CLOSES).append(">\n");
        conflicts.forEach((item, others) -> out.append("> - ").append(PreviewMarkdown.text(item.environment())).append(": ")
                .append(PreviewMarkdown.item(item)).append(": also changed by ")
                .append(others.stream().map(o -> o.reference(pr.repo())).collect(Collectors.joining(", "))).append('\n'));
        return out.append('\n').toString();
    }

    /** {@code body} without its conflict section, if it has one. */
    static String without(String body) {
        return SECTION.matcher(body).replaceFirst("$1");
    }
}
