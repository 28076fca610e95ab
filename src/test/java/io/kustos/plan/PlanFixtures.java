package io.kustos.plan;

import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.WorkloadChange;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveWorkload;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import io.kustos.render.PreDeployHook;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Diffs built in memory, as the differ would hand them to the planner. */
final class PlanFixtures {
    static final SourceRevisions HEAD = revisions("Ada Lovelace", "ada@example.com", "Grace Hopper", "grace@example.com");

    private PlanFixtures() {
    }

    private static SourceRevisions revisions(String configAuthor, String configEmail, String releasesAuthor, String releasesEmail) {
        var config = new CommitInfo("a".repeat(40), configAuthor, configEmail, Instant.EPOCH, "config");
        var releases = new CommitInfo("b".repeat(40), releasesAuthor, releasesEmail, Instant.EPOCH, "releases");
        return new SourceRevisions(new Revision("main", "a".repeat(40)), config, new Revision("main", "b".repeat(40)), releases);
    }

    static DesiredState desired(List<PreDeployHook> hooks) {
        return new DesiredState("staging", "staging", HEAD, List.of(), List.of(), hooks, "sha256:0");
    }

    static Diff diff(List<ConfigChange> configs, List<WorkloadChange> workloads, List<LiveConfig> prunes, PreDeployHook... hooks) {
        return new Diff(desired(List.of(hooks)), configs, workloads, prunes);
    }

    /** A ConfigMap {@code name} to create ({@code live} null) or update. */
    static ConfigChange config(String name, LiveConfig live) {
        var d = new DesiredConfig(ObjectKey.configMap("staging", name), null, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of("K", ConfigValue.text("new"))), "config:" + name + ".yaml");
        return new ConfigChange(d, live, List.of(), List.of());
    }

    /** The ConfigMap {@code name} as live, last written by Kustos for {@code revision} by {@code author}. */
    static LiveConfig live(String name, String revision, String author) {
        var annotations = new TreeMap<String, String>(Map.of(Labels.REVISION, revision, Labels.AUTHOR, author));
        return new LiveConfig(ObjectKey.configMap("staging", name), null, new TreeMap<>(), annotations,
                new TreeMap<>(Map.of("K", ConfigValue.text("old"))), Set.of("K"), Set.of(),
                Set.of(Labels.REVISION, Labels.AUTHOR), "7");
    }

    /** A Deployment {@code name} whose container {@code app} goes to {@code image} (a new version), or null: only its config hash changes. */
    static WorkloadChange workload(String name, String image) {
        var key = new ObjectKey("apps/v1", "Deployment", "staging", name);
        var desired = new DesiredWorkload(key, new TreeMap<>(Map.of("app", image == null ? "r.example.com/" + name + ":1" : image)),
                "releases:release.yaml");
        var oldImages = image == null ? new TreeMap<String, String>() : new TreeMap<>(Map.of("app", "r.example.com/" + name + ":1"));
        var annotations = new TreeMap<>(Map.of(Labels.REVISION, "config=old;releases=old", Labels.AUTHOR, "Old Author <old@example.com>"));
        var live = new LiveWorkload(key, new TreeMap<>(Map.of("app", "r.example.com/" + name + ":1")), annotations, null);
        return new WorkloadChange(desired, live, oldImages, "sha256:old", "sha256:new");
    }

    static PreDeployHook hook(String name, String workload) {
        return new PreDeployHook(name, workload, List.of("./migrate", name), Duration.ofMinutes(5));
    }
}
