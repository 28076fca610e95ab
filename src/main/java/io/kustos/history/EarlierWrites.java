package io.kustos.history;

import io.kustos.diff.Diff;
import io.kustos.live.LiveState;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import io.kustos.source.RevisionPair;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects of a revision that an earlier run wrote and this run found in place: those whose
 * {@code kustos.io/revision} annotation already names the revision ({@code written}). A run
 * cut short (kill -9 during its writes or its rollout wait) left them; the run that finishes the
 * revision records them with what it wrote itself, so the record holds the whole change set and not
 * just the remainder. Compared with the last revision recorded before (rendered again from the local
 * clones), each is listed as that run would have: created or updated with the keys that changed
 * (fingerprints only, never values), a workload's new images or its restart; when that revision
 * cannot be rendered, as {@code written} with the fingerprints of every value it set. Objects an
 * earlier run pruned are gone and cannot be listed.
 */
public final class EarlierWrites {
    public static final String ACTION = "written";

    private EarlierWrites() {
    }

    /**
     * @param live    the cluster as read before this run wrote
     * @param diff    what this run writes (its objects are recorded from it, not here)
     * @return the objects of {@code revision} in place, in kind/namespace/name order
     */
    public static List<HistoryRecord.ObjectRecord> of(LiveState live, Diff diff, RevisionPair revision) {
        return of(live, diff, revision, null);
    }

    /**
     * As {@link #of(LiveState, Diff, RevisionPair)}, each object compared with {@code previous}, the
     * last revision recorded before (null: not known): a ConfigMap or Secret {@code created} or
     * {@code updated} with only the keys that changed, a workload {@code image} (the containers whose
     * image changed) or {@code restarted}, as the record of an uninterrupted run says it.
     */
    public static List<HistoryRecord.ObjectRecord> of(LiveState live, Diff diff, RevisionPair revision, DesiredState previous) {
        String annotation = revision.annotation();
        Set<ObjectKey> inDiff = new HashSet<>();
        diff.configs().forEach(c -> inDiff.add(c.key()));
        diff.workloads().forEach(w -> inDiff.add(w.key()));
        var out = new ArrayList<HistoryRecord.ObjectRecord>();
        if (diff.desired() == null) {
            return out;
        }
        for (var c : diff.desired().configs()) {
            var found = live.configs().get(c.key());
            if (found == null || inDiff.contains(c.key()) || !annotation.equals(found.annotations().get(Labels.REVISION))) {
                continue;
            }
            DesiredConfig before = previous == null ? null
                    : previous.configs().stream().filter(p -> p.key().equals(c.key())).findFirst().orElse(null);
            var keys = new TreeMap<String, String>();
            c.entries().forEach((k, v) -> {
                if (before != null && v.equals(before.entries().get(k))) {
                    return;
                }
                String place = c.key() + "/" + k;
                keys.put(k, c.isSecret() ? diff.fingerprints().of(place, v).orElse(before == null || !before.entries().containsKey(k)
                        ? "added" : "changed") : v.fingerprint(place));
            });
            if (before != null) {
                before.entries().keySet().stream().filter(k -> !c.entries().containsKey(k)).forEach(k -> keys.put(k, "removed"));
            }
            String action = previous == null ? ACTION : before == null ? "created" : "updated";
            out.add(new HistoryRecord.ObjectRecord(c.key().kind(), c.key().namespace(), c.key().name(), action, keys));
        }
        for (var w : diff.desired().workloads()) {
            var found = live.workloads().get(w.key());
            if (found == null || inDiff.contains(w.key()) || !annotation.equals(found.annotations().get(Labels.REVISION))) {
                continue;
            }
            DesiredWorkload before = previous == null ? null
                    : previous.workloads().stream().filter(p -> p.key().equals(w.key())).findFirst().orElse(null);
            var keys = new TreeMap<String, String>();
            w.images().forEach((container, image) -> {
                if (before == null || !image.equals(before.images().get(container))) {
                    keys.put("image " + container, image);
                }
            });
            String action = previous == null ? ACTION : keys.isEmpty() ? "restarted" : "image";
            String hash = found.configHash();
            if (action.equals("restarted") && hash != null && hash.indexOf(':') > 0) { // its images kept: restarted for its config
                keys.put("config-hash", hash.substring(0, Math.min(hash.length(), hash.indexOf(':') + 9)));
            }
            out.add(new HistoryRecord.ObjectRecord(w.key().kind(), w.key().namespace(), w.key().name(), action, keys));
        }
        out.sort(java.util.Comparator.comparing(HistoryRecord.ObjectRecord::kind).thenComparing(HistoryRecord.ObjectRecord::namespace)
                .thenComparing(HistoryRecord.ObjectRecord::name));
        return out;
    }

    /**
     * One phrase per object for the revision's Event, as an uninterrupted run's Event says it:
     * {@code ConfigMap/app-config (keys: A changed, B removed)}, {@code ConfigMap/new created},
     * {@code Deployment/web restarted}, {@code Deployment/web updated to web:1.2}; {@code …
     * written earlier} when the revision before is not known. The record keeps fingerprints, not
     * whether a key was added: a ConfigMap key set reads {@code changed}.
     */
    public static List<String> phrases(List<HistoryRecord.ObjectRecord> objects) {
        return objects.stream().map(EarlierWrites::phrase).toList();
    }

    private static String phrase(HistoryRecord.ObjectRecord o) {
        String name = o.kind() + "/" + o.name();
        return switch (o.action()) {
            case "created" -> name + " created";
            case "updated" -> o.keys().isEmpty() ? name + " updated" : name + " (keys: " + String.join(", ", o.keys().entrySet().stream()
                    .map(e -> e.getKey() + " " + (e.getValue().equals("removed") || e.getValue().equals("added") ? e.getValue() : "changed"))
                    .toList()) + ")";
            case "restarted" -> name + " restarted";
            case "image" -> name + " updated to " + String.join(", ", o.keys().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("image ")).map(java.util.Map.Entry::getValue).toList());
            default -> name + " written earlier";
        };
    }
}
