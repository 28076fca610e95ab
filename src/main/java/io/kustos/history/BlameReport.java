package io.kustos.history;

import io.kustos.render.ObjectKey;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import java.util.List;

/**
 * What {@link ConfigBlame} found: for each key asked about, the commit that last changed it.
 *
 * @param head        the branch head whose state was explained
 * @param keys        by key name
 * @param skipped     commits that changed the environment but did not render, newest first
 * @param commitsRead commits of the environment rendered or tried
 */
public record BlameReport(String environment, ObjectKey object, Revision head, List<KeyBlame> keys,
                          List<Skipped> skipped, int commitsRead) {
    public BlameReport {
        keys = List.copyOf(keys);
        skipped = List.copyOf(skipped);
    }

    /** A commit left out because its files did not render; {@code reason} never holds a value. */
    public record Skipped(CommitInfo commit, String reason) {
    }
}
