package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.live.SecretFingerprints;
import io.kustos.failure.FailureReason;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares git's desired state with the cluster's, object by object and key by key. Pure.
 *
 * <p>Only what Kustos owns is compared: a key, label or annotation that another field manager
 * set is not drift. A key Kustos owned that git no longer has is a removal. The revision
 * annotations change with every commit and are not content, so an unchanged object stays
 * unchanged across commits.
 */
public final class Differ {
    private final PruneRule prunes;

    /** Without pruning. */
    public Differ() {
        this(false, false);
    }

    /**
     * @param prune         objects labelled as Kustos's for the environment that git no longer has are removals
     * @param allowPruneAll allow pruning every such object when git renders none for the environment
     */
    public Differ(boolean prune, boolean allowPruneAll) {
        this.prunes = new PruneRule(prune, allowPruneAll);
    }

    public Diff diff(DesiredState desired, LiveState live) {
        return diff(desired, live, key -> true);
    }

    /**
     * As {@link #diff(DesiredState, LiveState)}, comparing only the configs {@code compared} accepts ({@link ChangedConfigs}):
     * the others are known to be as the live state has them. Workloads (their config hash reads every config) and prunes are
     * judged in full.
     */
    public Diff diff(DesiredState desired, LiveState live, java.util.function.Predicate<io.kustos.render.ObjectKey> compared) {
        ForeignEnvironmentRule.check(desired, live.configs());
        var configs = new ArrayList<ConfigChange>();
        for (DesiredConfig d : desired.configs()) {
            if (!compared.test(d.key())) {
                continue;
            }
            ConfigChange c = compare(d, live.configs().get(d.key()), live.fingerprints());
            if (c != null) {
                configs.add(c);
            }
        }
        var workloads = new ArrayList<WorkloadChange>();
        var problems = new ArrayList<String>();
        var managed = new java.util.HashMap<io.kustos.render.ObjectKey, DesiredConfig>();
        desired.configs().forEach(c -> managed.put(c.key(), c));
        for (DesiredWorkload w : desired.workloads()) {
            LiveWorkload l = live.workloads().get(w.key());
            if (l == null) {
                problems.add(w.origin() + ".name: " + w.key().kind() + " " + w.key().namespace() + "/" + w.key().name()
                        + " does not exist in the cluster: Kustos updates the images of existing workloads and does not create them;"
                        + " fix the name (or kind) there, or create the workload first");
                continue;
            }
            var old = new TreeMap<String, String>();
            w.images().forEach((container, image) -> {
                String current = l.images().get(container);
                if (current == null) {
                    problems.add(w.file() + ": " + w.containerPath(container) + ": " + w.key().kind() + " " + w.key().namespace()
                            + "/" + w.key().name() + " has no container " + container + " (it has: " + String.join(", ", l.images().keySet())
                            + "). Use one of its container names, or add the container to its pod template first.");
                } else if (!current.equals(image)) {
                    old.put(container, current);
                }
            });
            String newHash = ConfigHash.of(ConfigReferences.of(l.template(), w.key().namespace()), managed, live.fingerprints());
            if (!old.isEmpty() || !Objects.equals(newHash, l.configHash())) {
                workloads.add(new WorkloadChange(w, l, old, l.configHash(), newHash));
            }
        }
        if (!problems.isEmpty()) {
            throw new DiffException(String.join("\n", problems), FailureReason.WORKLOAD_MISSING);
        }
        return new Diff(desired, configs, workloads, prunes.prunes(desired, live), live.fingerprints());
    }

    /**
     * A ConfigMap's short one-line text in clear, its other values as a fingerprint; a Secret value
     * as its keyed fingerprint, or {@link EntryChange#HIDDEN} without a key.
     */
    private static String shown(DesiredConfig d, String key, ConfigValue v, SecretFingerprints fingerprints) {
        if (d.isSecret()) {
            return fingerprints.of(d.key() + "/" + key, v).orElse(EntryChange.HIDDEN);
        }
        if (!v.binary() && v.length() <= 40) {
            String t = v.text();
            if (!t.contains("\n")) {
                return '"' + t + '"';
            }
        }
        return v.fingerprint(d.key() + "/" + key);
    }

    private static ConfigChange compare(DesiredConfig d, LiveConfig l, SecretFingerprints fp) {
        if (l == null) {
            var added = new ArrayList<EntryChange>();
            d.entries().forEach((k, v) -> added.add(new EntryChange(k, EntryChange.Kind.ADDED, null, shown(d, k, v, fp))));
            return new ConfigChange(d, null, added, List.of());
        }
        var entries = new ArrayList<EntryChange>();
        d.entries().forEach((k, v) -> {
            ConfigValue cur = l.entries().get(k);
            if (cur == null) {
                entries.add(new EntryChange(k, EntryChange.Kind.ADDED, null, shown(d, k, v, fp)));
            } else if (!cur.equals(v)) {
                entries.add(new EntryChange(k, EntryChange.Kind.CHANGED, shown(d, k, cur, fp), shown(d, k, v, fp)));
            }
        });
        l.entries().forEach((k, v) -> {
            if (!d.entries().containsKey(k) && l.ownedEntries().contains(k)) {
                entries.add(new EntryChange(k, EntryChange.Kind.REMOVED, shown(d, k, v, fp), null));
            }
        });
        var metadata = new ArrayList<String>();
        compareMap("label", d.labels(), l.labels(), l.ownedLabels(), metadata);
        compareMap("annotation", d.annotations(), l.annotations(), l.ownedAnnotations(), metadata);
        if (d.isSecret() && !Objects.equals(d.type(), l.type())) {
            metadata.add("type " + l.type() + " -> " + d.type());
        }
        if (entries.isEmpty() && metadata.isEmpty()) {
            return null;
        }
        entries.sort(java.util.Comparator.comparing(EntryChange::key));
        return new ConfigChange(d, l, entries, metadata);
    }

    private static void compareMap(String what, SortedMap<String, String> desired, SortedMap<String, String> live,
                                   Set<String> owned, List<String> out) {
        desired.forEach((k, v) -> {
            if (!v.equals(live.get(k))) {
                out.add(what + " " + k);
            }
        });
        live.keySet().stream()
                .filter(k -> !desired.containsKey(k) && owned.contains(k) && !Labels.bookkeeping(k))
                .forEach(k -> out.add(what + " " + k + " removed"));
    }
}
