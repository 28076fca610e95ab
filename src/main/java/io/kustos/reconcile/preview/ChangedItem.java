package io.kustos.reconcile.preview;

import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.WorkloadChange;
import io.kustos.live.LiveConfig;
import io.kustos.render.ObjectKey;

import java.util.Comparator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One item a merge would change in one environment, as two pull requests can both change it: a
 * key of a ConfigMap or Secret (added, changed or removed alike), or a workload's version. It
 * names the item, never holds its value nor a fingerprint: a Secret's key counts as any other.
 */
public sealed interface ChangedItem extends Comparable<ChangedItem> {
    Comparator<ChangedItem> ORDER = Comparator.comparing(ChangedItem::environment).thenComparing(ChangedItem::object)
            .thenComparing(ChangedItem::keyOrEmpty);

    String environment();

    ObjectKey object();

    /** A key of a ConfigMap's or Secret's data. */
    record Key(String environment, ObjectKey object, String key) implements ChangedItem {
    }

    /** The version (images) of a workload. */
    record Version(String environment, ObjectKey object) implements ChangedItem {
    }

    private String keyOrEmpty() {
        return this instanceof Key k ? k.key() : "";
    }

    @Override
    default int compareTo(ChangedItem o) {
        return ORDER.compare(this, o);
    }

    /**
     * What a merge of {@code report} would change, in every environment that would change (at once
     * or after promotion): each key of each ConfigMap or Secret created, updated or pruned, and each
     * workload that gets a new version (a restart for a config change is not one: its keys are).
     */
    static SortedSet<ChangedItem> of(PreviewReport report) {
        var items = new TreeSet<ChangedItem>();
        for (EnvironmentPreview e : report.environments()) {
            if (e.changes()) {
                add(items, e.environment(), e.diff());
            }
        }
        return items;
    }

    private static void add(SortedSet<ChangedItem> items, String environment, Diff diff) {
        for (ConfigChange c : diff.configs()) {
            c.entries().forEach(entry -> items.add(new Key(environment, c.key(), entry.key())));
        }
        for (LiveConfig pruned : diff.prunes()) {
            pruned.entries().keySet().forEach(key -> items.add(new Key(environment, pruned.key(), key)));
        }
        for (WorkloadChange w : diff.workloads()) {
            if (w.newVersion()) {
                items.add(new Version(environment, w.key()));
            }
        }
    }
}
