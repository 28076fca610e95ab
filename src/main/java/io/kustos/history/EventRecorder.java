package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One Kubernetes Event per target and revision outcome ({@code Applied}, {@code DriftCorrected},
 * {@code RolloutFailed}, {@code RolledBack}, {@code WriteFailed}, {@code InvalidRevision}), on the target's {@code kustos-history} ConfigMap, so
 * {@code kubectl describe configmap kustos-history} and {@code kubectl get events} tell the story,
 * as Flux does with one event per reconcile. The message lists the objects changed and how, naming
 * keys and never values, cut short with "and N more" to stay under {@link #MAX_MESSAGE} characters.
 * Best effort: a failure to record is logged and never stops a reconcile.
 */
public final class EventRecorder {
    /** Kubernetes keeps Event messages short (events.k8s.io/v1 allows 1 kB). */
    public static final int MAX_MESSAGE = 1000;
    /** The part before the list of changes (revision, error) gets at most this much, each change this much. */
    private static final int MAX_HEAD = 600;
    private static final int MAX_CHANGE = 300;
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    /** The API server keeps at most this many characters of an Event's {@code reportingInstance}. */
    static final int MAX_INSTANCE = 128;
    private final KubernetesClient client;
    private final Supplier<String> instance;

    public EventRecorder(KubernetesClient client) {
        this(client, () -> null);
    }

    /**
     * @param instance who records, as the environment's write lock names it ({@code kustos run kustos-7d9f pid 1}):
     *                 the Event's {@code reportingInstance}, so that with several replicas {@code kubectl get events}
     *                 tells which one wrote ({@code -o custom-columns=REASON:.reason,BY:.reportingInstance})
     */
    public EventRecorder(KubernetesClient client, Supplier<String> instance) {
        this.client = client;
        this.instance = instance;
    }

    /**
     * @param namespace the target's namespace, where its kustos-history ConfigMap is
     * @param head      what happened, e.g. the revision, or the revision and the error
     * @param changes   one phrase per changed object ({@link io.kustos.diff.DiffPrinter#changes})
     */
    public void record(String namespace, String reason, String head, List<String> changes, boolean warning) {
        String now = Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
        var event = new EventBuilder()
                .withNewMetadata().withName(HistoryStore.NAME + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(namespace).endMetadata()
                .withInvolvedObject(historyConfigMap(namespace))
                .withReason(reason).withMessage(message(head, changes))
                .withType(warning ? "Warning" : "Normal")
                .withNewSource().withComponent("kustos").endSource()
                .withReportingComponent("kustos").withReportingInstance(instance())
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {}/{}: {}", reason, namespace, HistoryStore.NAME, io.kustos.cluster.ApiFailures.describe(e, client));
        }
    }

    private String instance() {
        String who = instance.get();
        return who == null ? null : who.length() <= MAX_INSTANCE ? who : who.substring(0, MAX_INSTANCE);
    }

    /**
     * The kustos-history ConfigMap the event is about, with its uid as read back after the history
     * was written: {@code kubectl describe} lists only the Events whose {@code involvedObject.uid}
     * is the object's. Without the ConfigMap (not readable, or gone), the event goes out without one.
     */
    private ObjectReference historyConfigMap(String namespace) {
        var ref = new ObjectReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withNamespace(namespace).withName(HistoryStore.NAME);
        try {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(HistoryStore.NAME).get();
            if (cm != null) {
                ref.withUid(cm.getMetadata().getUid());
            }
        } catch (KubernetesClientException e) {
            LOG.warn("could not read {}/{} for its event's uid: {}", namespace, HistoryStore.NAME, e.getMessage());
        }
        return ref.build();
    }

    /**
     * {@code head: change, change, ... and N more}, under {@link #MAX_MESSAGE} characters: the head
     * and each change are cut short, then as many changes follow as fit (at least one). On one line:
     * line breaks (of a multi-line error) become {@code "; "}, so that {@code kubectl get events -o custom-columns}
     * keeps one row per Event.
     */
    static String message(String head, List<String> changes) {
        var out = new StringBuilder(cut(oneLine(head), MAX_HEAD));
        if (changes.isEmpty()) {
            return out.toString();
        }
        out.append(": ");
        for (int i = 0; i < changes.size(); i++) {
            String item = (i == 0 ? "" : ", ") + cut(oneLine(changes.get(i)), MAX_CHANGE);
            int left = changes.size() - i - 1;
            String more = left == 0 ? "" : " and " + left + " more";
            if (out.length() + item.length() + more.length() >= MAX_MESSAGE) {
                return out.append(" and ").append(changes.size() - i).append(" more").toString();
            }
            out.append(item);
        }
        return out.toString();
    }

    /** Each run of line breaks (and the blanks around them) becomes {@code "; "}; none at the ends. */
    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R+\\s*", "; ");
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
