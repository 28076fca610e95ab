package io.kustos.reconcile.preview;

import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One item a pull request changes in one environment, as two pull requests can both change it: a
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
     * What a pull request changes in one environment: each key of each ConfigMap or Secret whose
     * value its head's render ({@code after}) gives otherwise than the render of the commit it forked
     * from ({@code before}), added and removed keys (and objects) included, and each workload whose
     * images differ. Compared with what the branch already renders, not with the live cluster: a
     * change merged to the branch but not applied yet (waiting for promotion, or not polled yet) is
     * not the pull request's. Values are compared in memory and not kept.
     */
    static SortedSet<ChangedItem> between(DesiredState before, DesiredState after) {
        String environment = after.environment();
        var items = new TreeSet<ChangedItem>();
        Map<ObjectKey, DesiredConfig> configsBefore = byKey(before.configs(), DesiredConfig::key);
        Map<ObjectKey, DesiredConfig> configsAfter = byKey(after.configs(), DesiredConfig::key);
        for (ObjectKey object : union(configsBefore.keySet(), configsAfter.keySet())) {
            Map<String, ConfigValue> was = entries(configsBefore.get(object));
            Map<String, ConfigValue> is = entries(configsAfter.get(object));
            union(was.keySet(), is.keySet()).stream().filter(key -> !Objects.equals(was.get(key), is.get(key)))
                    .forEach(key -> items.add(new Key(environment, object, key)));
        }
        Map<ObjectKey, DesiredWorkload> workloadsBefore = byKey(before.workloads(), DesiredWorkload::key);
        Map<ObjectKey, DesiredWorkload> workloadsAfter = byKey(after.workloads(), DesiredWorkload::key);
        for (ObjectKey object : union(workloadsBefore.keySet(), workloadsAfter.keySet())) {
            if (!Objects.equals(images(workloadsBefore.get(object)), images(workloadsAfter.get(object)))) {
                items.add(new Version(environment, object));
            }
        }
        return items;
    }

    private static <T> Map<ObjectKey, T> byKey(List<T> objects, Function<T, ObjectKey> key) {
        return objects.stream().collect(Collectors.toMap(key, o -> o, (a, b) -> b));
    }

    private static <T extends Comparable<T>> SortedSet<T> union(Set<T> a, Set<T> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, ConfigValue> entries(DesiredConfig config) {
        return config == null ? Map.of() : config.entries();
    }

    private static Map<String, String> images(DesiredWorkload workload) {
        return workload == null ? null : workload.images();
    }
}
