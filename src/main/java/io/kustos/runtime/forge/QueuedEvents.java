package io.kustos.runtime.forge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pull request events {@link PreviewQueue} holds: per pull request the one waiting for the preview thread
 * (newer ones fold into it) and the latest offered (a preview tried again is dropped once a newer event came);
 * whether this replica previews now, and a generation that each {@link #suspend()} moves on, so that work taken
 * before it reports nothing. Thread-safe.
 */
final class QueuedEvents {
    /** What became of an offered event. */
    enum Offered { QUEUED, FOLDED, NOT_PREVIEWING }

    /** An event taken for the preview thread, in the generation it was taken in. */
    record Taken(PullRequestEvent event, long generation) {
    }

    /**
     * What a listing of a repo's open pull requests changes.
     *
     * @param gone  pull requests no longer open that were not closed by a webhook
     * @param moved listed pull requests not seen yet, or at another head than the last event's
     */
    record Relisted(List<PullRequestEvent> gone, List<PullRequestEvent> moved) {
    }

    private final Map<String, PullRequestEvent> waiting = new LinkedHashMap<>();
    private final Map<String, PullRequestEvent> latest = new HashMap<>();
    private boolean active = true;
    private long generation;

    synchronized Offered offer(PullRequestEvent event) {
        if (!active) {
            return Offered.NOT_PREVIEWING;
        }
        latest.put(event.key(), event);
        return waiting.put(event.key(), event) != null ? Offered.FOLDED : Offered.QUEUED;
    }

    /** The event waiting for {@code key}, if any, taken off. */
    synchronized java.util.Optional<Taken> take(String key) {
        PullRequestEvent event = waiting.remove(key);
        return event == null ? java.util.Optional.empty() : java.util.Optional.of(new Taken(event, generation));
    }

    /** Nothing suspended this since {@code then}. */
    synchronized boolean current(long then) {
        return generation == then;
    }

    synchronized boolean active() {
        return active;
    }

    /** {@code event}, tried again, is the latest of its pull request, from {@code then}, and none waits: it waits now. */
    synchronized boolean tryAgain(PullRequestEvent event, long then) {
        PullRequestEvent last = latest.get(event.key());
        if (generation != then || last != null && !last.equals(event) || waiting.containsKey(event.key())) {
            return false; // suspended since, or a newer event previews it
        }
        waiting.put(event.key(), event);
        return true;
    }

    /** {@code pr}, listed, is the latest of its pull request unless an event came. */
    synchronized void listed(PullRequestEvent pr) {
        latest.putIfAbsent(pr.key(), pr);
    }

    /** Previews from now on; returns the generation. */
    synchronized long resume() {
        active = true;
        return generation;
    }

    /** No previews from now on: every event goes; returns the latest of each pull request. */
    synchronized List<PullRequestEvent> suspend() {
        active = false;
        generation++;
        waiting.clear();
        var known = new ArrayList<>(latest.values());
        latest.clear();
        return known;
    }

    /**
     * {@code prs} are the open pull requests of {@code repo}: those known but no longer listed are forgotten (a closed one
     * was forgotten when it closed: not said again), those listed at another head, or new, are said.
     *
     * @param forks whether a new fork's pull request counts
     */
    synchronized Relisted relisted(String repo, List<PullRequestEvent> prs, boolean forks) {
        Map<String, PullRequestEvent> listed = new LinkedHashMap<>();
        prs.forEach(pr -> listed.put(pr.key(), pr));
        List<PullRequestEvent> gone = new ArrayList<>();
        for (PullRequestEvent known : new ArrayList<>(latest.values())) {
            if (known.repo().equalsIgnoreCase(repo) && !listed.containsKey(known.key()) && !waiting.containsKey(known.key())) {
                latest.remove(known.key());
                if (!known.action().closes()) {
                    gone.add(known);
                }
            }
        }
        List<PullRequestEvent> moved = new ArrayList<>();
        for (PullRequestEvent pr : listed.values()) {
            PullRequestEvent known = latest.get(pr.key());
            if (known == null ? !pr.fromFork() || forks : known.action().closes() || !pr.headSha().equals(known.headSha())) {
                moved.add(pr);
            }
        }
        return new Relisted(gone, moved);
    }
}
