package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload that a diff restarts, and why: a new image for a container
 * ({@code image app: r.example.com/app:1.0.0 -> 1.1.0}), or a ConfigMap or Secret it uses that
 * changes ({@code configmap app-config changed}). Names only: never a value or a fingerprint.
 */
public record Restart(ObjectKey workload, List<String> reasons) {
    public Restart {
        reasons = List.copyOf(reasons);
    }

    /** The restarts of {@code diff}, in its order of workloads. */
    public static List<Restart> of(Diff diff) {
        var changed = new TreeMap<ObjectKey, String>();
        diff.configs().forEach(c -> changed.put(c.key(), c.creates() ? "added" : "changed"));
        for (LiveConfig p : diff.prunes()) {
            changed.put(p.key(), "removed");
        }
        var out = new ArrayList<Restart>();
        for (WorkloadChange w : diff.workloads()) {
            var reasons = new ArrayList<String>();
            w.oldImages().forEach((container, old) -> reasons.add("image " + container + ": " + old + " -> " + w.desired().images().get(container)));
            if (w.restartsForConfig()) {
                int before = reasons.size();
                var uses = ConfigReferences.of(w.live().template(), w.key().namespace());
                for (Map.Entry<ObjectKey, String> c : changed.entrySet()) {
                    if (uses.contains(c.getKey())) {
                        reasons.add(c.getKey().kind().toLowerCase(java.util.Locale.ROOT) + " " + c.getKey().name() + " " + c.getValue());
                    }
                }
                if (reasons.size() == before) {
                    reasons.add(w.oldHash() == null ? "its config hash is set for the first time" : "the config it uses changed");
                }
            }
            out.add(new Restart(w.key(), reasons));
        }
        return out;
    }
}
