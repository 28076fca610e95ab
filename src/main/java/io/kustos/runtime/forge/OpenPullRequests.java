package io.kustos.runtime.forge;

import io.kustos.reconcile.preview.ChangedItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The open pull requests Kustos previewed, in memory: per pull request its last head, its last
 * preview's Markdown (to render its comment again when only its conflicts change) and the items
 * that preview would change, never a value or fingerprint. A daemon that starts, or becomes the
 * leader, fills it again by previewing the forge's open pull requests ({@link PreviewQueue#resume()}).
 */
final class OpenPullRequests {
    private static final Comparator<PullRequestEvent> NAMED = Comparator.comparing(PullRequestEvent::repo).thenComparingInt(PullRequestEvent::number);

    /** One open pull request's last preview. */
    record Open(PullRequestEvent event, String markdown, SortedSet<ChangedItem> changes) {
    }

    private final Map<String, Open> open = new TreeMap<>();

    /**
     * Records {@code pr}'s preview.
     *
     * @return the other open pull requests whose conflicts this changed (their comments are to be edited)
     */
    synchronized List<Open> previewed(PullRequestEvent pr, PullRequestPreview.Verdict verdict) {
        var before = everyonesConflicts(pr.key());
        open.put(pr.key(), new Open(pr, verdict.markdown(), verdict.changes()));
        return changedSince(before);
    }

    /**
     * Another previewed pull request of {@code pr}'s repo has {@code pr}'s head: a forge keeps one status per commit
     * and context, so a status of {@code pr} would replace that one's.
     */
    synchronized boolean headOfAnother(PullRequestEvent pr) {
        return open.values().stream().map(Open::event).anyMatch(o -> !o.key().equals(pr.key())
                && o.repo().equalsIgnoreCase(pr.repo()) && o.headSha().equals(pr.headSha()));
    }

    /**
     * Forgets {@code pr} (closed, merged, or not previewed).
     *
     * @return the other open pull requests that no longer conflict with it on something
     */
    synchronized List<Open> closed(PullRequestEvent pr) {
        var before = everyonesConflicts(pr.key());
        open.remove(pr.key());
        return changedSince(before);
    }

    synchronized void clear() {
        open.clear();
    }

    /** For each item {@code pr} would change that other open pull requests change too, those others, by repo and number. */
    synchronized SortedMap<ChangedItem, List<PullRequestEvent>> conflicts(PullRequestEvent pr) {
        var byKey = new TreeMap<String, SortedSet<ChangedItem>>();
        open.forEach((key, o) -> byKey.put(key, o.changes()));
        var conflicts = new TreeMap<ChangedItem, List<PullRequestEvent>>();
        Overlaps.of(pr.key(), byKey).forEach((item, others) ->
                conflicts.put(item, others.stream().map(k -> open.get(k).event()).sorted(NAMED).toList()));
        return conflicts;
    }

    private Map<String, SortedMap<ChangedItem, List<PullRequestEvent>>> everyonesConflicts(String except) {
        var all = new TreeMap<String, SortedMap<ChangedItem, List<PullRequestEvent>>>();
        open.forEach((key, o) -> {
            if (!key.equals(except)) {
                all.put(key, conflicts(o.event()));
            }
        });
        return all;
    }

    private List<Open> changedSince(Map<String, SortedMap<ChangedItem, List<PullRequestEvent>>> before) {
        var changed = new ArrayList<Open>();
        before.forEach((key, conflicts) -> {
            Open o = open.get(key);
            if (o != null && !names(conflicts).equals(names(conflicts(o.event())))) {
                changed.add(o);
            }
        });
        return changed;
    }

    /** The conflicts as the comment names them: by item, the other pull requests' keys (not their heads). */
    private static Map<ChangedItem, List<String>> names(SortedMap<ChangedItem, List<PullRequestEvent>> conflicts) {
        var names = new TreeMap<ChangedItem, List<String>>();
        conflicts.forEach((item, others) -> names.put(item, others.stream().map(PullRequestEvent::key).toList()));
        return names;
    }
}
