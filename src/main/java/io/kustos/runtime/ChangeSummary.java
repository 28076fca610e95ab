package io.kustos.runtime;

import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.EntryChange;
import io.kustos.diff.WorkloadChange;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A diff as short lines for people: which objects changed and which keys, never a value (not even
 * a fingerprint), e.g. {@code secret/prod/api-secrets: changed TOKEN} or
 * {@code deployment/prod/api: api=registry.example.com/api:2.4.0, restart for config}.
 */
public final class ChangeSummary {
    private ChangeSummary() {
    }

    public static List<String> of(Diff diff) {
        List<String> lines = new ArrayList<>();
        for (ConfigChange c : diff.configs()) {
            List<String> parts = new ArrayList<>();
            if (c.creates()) {
                parts.add("created");
            }
            for (EntryChange.Kind kind : EntryChange.Kind.values()) {
                String keys = c.entries().stream().filter(e -> e.kind() == kind).map(EntryChange::key)
                        .collect(Collectors.joining(", "));
                if (!keys.isEmpty() && !c.creates()) {
                    parts.add(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + keys);
                }
            }
            parts.addAll(c.metadata());
            lines.add(c.key() + ": " + String.join("; ", parts));
        }
        for (WorkloadChange w : diff.workloads()) {
            List<String> parts = new ArrayList<>();
            w.oldImages().keySet().forEach(container -> parts.add(container + "=" + w.desired().images().get(container)));
            if (w.restartsForConfig()) {
                parts.add("restart for config");
            }
            lines.add(w.key() + ": " + String.join(", ", parts));
        }
        return lines;
    }
}
