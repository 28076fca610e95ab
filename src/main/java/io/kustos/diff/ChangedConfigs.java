package io.kustos.diff;

import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.ObjectKey;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The configs a new desired state renders differently from one the cluster was found to hold (the
 * last good revision's, in sync and unchanged since): only these need comparing again; every other
 * config is rendered as it was, so its verdict (in sync) stands. Pure.
 */
public final class ChangedConfigs implements Predicate<ObjectKey> {
    private final Set<ObjectKey> changed;

    private ChangedConfigs(Set<ObjectKey> changed) {
        this.changed = changed;
    }

    /** The configs of {@code after} that {@code before} has not, or has otherwise (data, labels, annotations, type). */
    public static ChangedConfigs between(DesiredState before, DesiredState after) {
        Map<ObjectKey, DesiredConfig> was = new HashMap<>();
        before.configs().forEach(c -> was.put(c.key(), c));
        return new ChangedConfigs(after.configs().stream().filter(c -> !c.equals(was.get(c.key())))
                .map(DesiredConfig::key).collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public boolean test(ObjectKey key) {
        return changed.contains(key);
    }

    public int size() {
        return changed.size();
    }
}
