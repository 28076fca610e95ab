package io.kustos.history;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.kustos.diff.Diff;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a run cut short wrote, as the run that sees it through records and announces it: the Event
 * names the keys and the restart as an uninterrupted run's Event does, and a workload restarted for
 * its config carries the config hash in its record as a normal record does.
 */
class EarlierWritesTest {
    private static final SourceRevisions REVISIONS = new SourceRevisions(new Revision("main", "a".repeat(40)),
            new CommitInfo("a".repeat(40), "Ada", "ada@example.com", Instant.EPOCH, "config"), new Revision("main", "b".repeat(40)),
            new CommitInfo("b".repeat(40), "Grace", "grace@example.com", Instant.EPOCH, "releases"));
    private static final ObjectKey WEB = new ObjectKey("apps/v1", "Deployment", "staging", "web");

    @Test
    void theEventNamesTheKeysAndTheRestartAsANormalEventDoes() {
        var objects = List.of(
                new HistoryRecord.ObjectRecord("ConfigMap", "staging", "web-config", "updated", Map.of("GREETING", "sha256:1234abcd")),
                new HistoryRecord.ObjectRecord("ConfigMap", "staging", "new-config", "created", Map.of("A", "sha256:99")),
                new HistoryRecord.ObjectRecord("Secret", "staging", "web-secrets", "updated", new TreeMap<>(Map.of("TOKEN", "hmac:5678", "OLD", "removed"))),
                new HistoryRecord.ObjectRecord("Deployment", "staging", "web", "restarted", Map.of("config-hash", "sha256:abcdef12")),
                new HistoryRecord.ObjectRecord("Deployment", "staging", "api", "image", Map.of("image api", "registry.example.com/api:2.0.0")),
                new HistoryRecord.ObjectRecord("ConfigMap", "staging", "unknown", EarlierWrites.ACTION, Map.of()));
        assertEquals(List.of("ConfigMap/web-config (keys: GREETING changed)", "ConfigMap/new-config created",
                        "Secret/web-secrets (keys: OLD removed, TOKEN changed)", "Deployment/web restarted",
                        "Deployment/api updated to registry.example.com/api:2.0.0", "ConfigMap/unknown written earlier"),
                EarlierWrites.phrases(objects));
    }

    @Test
    void aWorkloadRestartedForItsConfigKeepsTheConfigHashInItsRecord() {
        var images = new TreeMap<>(Map.of("web", "registry.example.com/web:1.0.0"));
        var desired = new DesiredState("staging", "staging", REVISIONS, List.of(), List.of(new DesiredWorkload(WEB, images, "release.yaml")),
                List.of(), "sha256:0");
        var template = new PodTemplateSpecBuilder().withNewMetadata().addToAnnotations(Labels.CONFIG_HASH, "sha256:abcdef1234567890").endMetadata().build();
        var live = new LiveState(Map.of(), Map.of(WEB, new LiveWorkload(WEB, images,
                new TreeMap<>(Map.of(Labels.REVISION, REVISIONS.pair().annotation())), template)));
        var previous = new DesiredState("staging", "staging", REVISIONS, List.of(), List.of(new DesiredWorkload(WEB, images, "release.yaml")),
                List.of(), "sha256:0");

        var objects = EarlierWrites.of(live, new Diff(desired, List.of(), List.of()), REVISIONS.pair(), previous);
        assertEquals(List.of(new HistoryRecord.ObjectRecord("Deployment", "staging", "web", "restarted", Map.of("config-hash", "sha256:abcdef12"))),
                objects);
    }
}
