package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

final class DiffFixtures {
    static final ObjectKey CM = ObjectKey.configMap("staging", "app-config");
    static final ObjectKey SECRET = ObjectKey.secret("staging", "app-secrets");
    static final ObjectKey DEPLOY = new ObjectKey("apps/v1", "Deployment", "staging", "app");
    /** The installation's key, as the Secret kustos-fingerprint-key would hold it. */
    static final SecretFingerprints KEYED = SecretFingerprints.keyed("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));

    private DiffFixtures() {
    }

    static SourceRevisions revisions() {
        var commit = new CommitInfo("a".repeat(40), "Ada", "ada@example.com", Instant.EPOCH, "x");
        return new SourceRevisions(new Revision("main", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
    }

    static TreeMap<String, String> labels() {
        var l = new TreeMap<String, String>();
        l.put(Labels.MANAGED_BY, "kustos");
        l.put(Labels.ENVIRONMENT, "staging");
        return l;
    }

    static DesiredConfig configMap(Map<String, String> data) {
        var entries = new TreeMap<String, ConfigValue>();
        data.forEach((k, v) -> entries.put(k, ConfigValue.text(v)));
        return new DesiredConfig(CM, null, labels(), new TreeMap<>(), entries, "config:x.yaml");
    }

    static DesiredConfig secret(Map<String, String> data) {
        var entries = new TreeMap<String, ConfigValue>();
        data.forEach((k, v) -> entries.put(k, ConfigValue.bytes(v.getBytes(StandardCharsets.UTF_8))));
        return new DesiredConfig(SECRET, "Opaque", labels(), new TreeMap<>(), entries, "config:s.yaml");
    }

    static LiveConfig live(DesiredConfig d, Map<String, ConfigValue> entries, Set<String> owned) {
        var annotations = new TreeMap<String, String>();
        annotations.put(Labels.REVISION, "config=old;releases=old");
        return new LiveConfig(d.key(), d.type(), labels(), annotations, new TreeMap<>(entries), owned,
                labels().keySet(), Set.of(Labels.REVISION, Labels.AUTHOR));
    }

    static DesiredState state(List<DesiredConfig> configs, List<DesiredWorkload> workloads) {
        return new DesiredState("staging", "staging", revisions(), configs, workloads, List.of(), "sha256:x");
    }
}
