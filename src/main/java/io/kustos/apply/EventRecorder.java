package io.kustos.apply;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.render.ObjectKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * Kubernetes Events on the objects Kustos touches (Applied, Pruned, Restarted, RolloutFailed,
 * RolledBack, DriftCorrected), so `kubectl describe` tells the story. Best effort: a failure to
 * record is logged and never stops a reconcile. Messages name keys and revisions, never values.
 */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void record(ObjectKey key, String reason, String message, boolean warning) {
        String now = Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
        var event = new EventBuilder()
                .withNewMetadata().withName(key.name() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(key.namespace()).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(key.apiVersion()).withKind(key.kind())
                        .withNamespace(key.namespace()).withName(key.name()).build())
                .withReason(reason).withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                .withType(warning ? "Warning" : "Normal")
                .withNewSource().withComponent("kustos").endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(key.namespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {}: {}", reason, key, e.getMessage());
        }
    }
}
