package io.kustos.history;

import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.EntryChange;
import io.kustos.live.LiveConfig;
import io.kustos.diff.WorkloadChange;
import io.kustos.outcome.Outcome;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the history record of one revision from its diff: every object changed, never cut short, with
 * fingerprints only; a long change set also gets its {@link ChangeCounts}.
 */
public final class RecordBuilder {
    private RecordBuilder() {
    }

    public static HistoryRecord of(long number, String environment, SourceRevisions rev, Diff diff, Outcome outcome,
                                   String message, Instant start, Instant end) {
        return new HistoryRecord(number, environment, rev.config().toString(), rev.releases().toString(),
                commit(rev.configCommit()), commit(rev.releasesCommit()), end.toString(),
                end.toEpochMilli() - start.toEpochMilli(), outcome, message, diff == null ? List.of() : objects(diff));
    }

    /** The record of an emergency rollback to {@code to}, or of a resume ({@code diff} null). */
    public static HistoryRecord about(long number, HistoryRecord to, Outcome outcome, String message, Diff diff, Instant start, Instant end) {
        return new HistoryRecord(number, to.environment(), to.config(), to.releases(), to.configCommit(), to.releasesCommit(),
                end.toString(), end.toEpochMilli() - start.toEpochMilli(), outcome, message, diff == null ? List.of() : objects(diff));
    }

    private static HistoryRecord.Commit commit(CommitInfo c) {
        return new HistoryRecord.Commit(c.sha(), c.author(), c.time().toString(), c.subject());
    }

    static List<HistoryRecord.ObjectRecord> objects(Diff diff) {
        var out = new ArrayList<HistoryRecord.ObjectRecord>();
        for (ConfigChange c : diff.configs()) {
            var keys = new TreeMap<String, String>();
            for (EntryChange e : c.entries()) {
                keys.put(e.key(), e.kind() == EntryChange.Kind.REMOVED ? "removed" : fingerprint(diff, c, e));
            }
            out.add(new HistoryRecord.ObjectRecord(c.key().kind(), c.key().namespace(), c.key().name(),
                    c.creates() ? "created" : "updated", keys));
        }
        for (WorkloadChange w : diff.workloads()) {
            var keys = new TreeMap<String, String>();
            w.oldImages().keySet().forEach(container -> keys.put("image " + container, w.desired().images().get(container)));
            if (w.restartsForConfig() && w.newHash() != null && !io.kustos.diff.ConfigHash.PENDING.equals(w.newHash())) {
                keys.put("config-hash", w.newHash().substring(0, w.newHash().indexOf(':') + 9));
            }
            out.add(new HistoryRecord.ObjectRecord(w.key().kind(), w.key().namespace(), w.key().name(),
                    w.newVersion() ? "image" : "restarted", keys));
        }
        for (LiveConfig p : diff.prunes()) {
            out.add(new HistoryRecord.ObjectRecord(p.key().kind(), p.key().namespace(), p.key().name(), "pruned", Map.of()));
        }
        return out;
    }

    /**
     * A fingerprint, never a value: a ConfigMap's as {@code sha256:…} (anyone who may read the
     * history may read the ConfigMap), a Secret's keyed ({@code hmac:…}), or without a key only
     * {@code added} or {@code changed}.
     */
    private static String fingerprint(Diff diff, ConfigChange c, EntryChange e) {
        var value = c.desired().entries().get(e.key());
        if (value == null) {
            return e.after();
        }
        String place = c.key() + "/" + e.key();
        if (c.desired().isSecret()) {
            return diff.fingerprints().of(place, value).orElse(e.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.fingerprint(place);
    }
}
