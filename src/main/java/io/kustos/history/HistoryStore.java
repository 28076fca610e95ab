package io.kustos.history;

import io.kustos.failure.FailureReason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiFailures;
import io.kustos.failure.TransientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a target's {@link History} in the ConfigMap {@code kustos-history} of its namespace: the
 * state under {@code state}, and each record under {@code r<number>}, at most {@code limit} of
 * them. A reconcile reads it from the list of ConfigMaps it makes anyway ({@link #read}), and
 * writes it once per revision that changed something or failed. It is not labelled managed-by
 * Kustos, so pruning never touches it.
 */
public final class HistoryStore {
    public static final String NAME = io.kustos.live.LiveStateReader.HISTORY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 900 * 1024;
    /** Its own field manager, so no manifest applied by Kustos can take its fields. */
    private static final String FIELD_MANAGER = "kustos-history";

    private final KubernetesClient client;
    private final String namespace;
    private final String environment;
    private final int limit;

    public HistoryStore(KubernetesClient client, String namespace, String environment, int limit) {
        this.client = client;
        this.namespace = namespace;
        this.environment = environment;
        this.limit = limit;
    }

    /** The history as it is now (one GET). */
    public History load() {
        try {
            return read(client.configMaps().inNamespace(namespace).withName(NAME).get());
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot read " + namespace + "/" + NAME + ": " + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    /**
     * The history in {@code cm}, the kustos-history ConfigMap as read by a list or a GET (null:
     * there is none yet). Its resourceVersion guards the next {@link #save}, as after {@link #load}.
     */
    public History read(ConfigMap cm) {
        if (cm == null || cm.getData() == null) {
            return History.EMPTY;
        }
        try {
            TargetState state = cm.getData().containsKey("state") ? JSON.readValue(cm.getData().get("state"), TargetState.class) : TargetState.EMPTY;
            var records = new ArrayList<HistoryRecord>();
            for (var e : cm.getData().entrySet()) {
                if (e.getKey().startsWith("r")) {
                    records.add(UnkeyedFingerprints.scrub(JSON.readValue(e.getValue(), HistoryRecord.class)));
                }
            }
            return new History(state, records, cm.getMetadata().getResourceVersion());
        } catch (JsonProcessingException e) {
            throw new TransientException(namespace + "/" + NAME + " is not readable history (" + e.getOriginalMessage() + ")", FailureReason.HISTORY_UNREADABLE, null);
        }
    }

    /**
     * Writes the new state and, if given, one more record; the oldest records beyond the limit go.
     * The write carries the resourceVersion that {@code current} was read at: if someone wrote in
     * between (the CLI's emergency rollback while the daemon waited for a rollout), the fresh
     * history is read again and this save's changes are merged into it, field by field.
     */
    public History save(History current, TargetState state, HistoryRecord added) {
        if (added == null && state.equals(current.state())) {
            return current;
        }
        History base = current;
        for (int attempt = 0; ; attempt++) {
            try {
                return write(base, state, added);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 3) {
                    throw new TransientException("cannot write " + namespace + "/" + NAME + ": " + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
                }
                History fresh = load();
                state = fresh.state().merge(current.state(), state);
                added = added == null ? null : added.withNumber(fresh.nextNumber());
                current = fresh;
                base = fresh;
            }
        }
    }

    private History write(History current, TargetState state, HistoryRecord added) {
        var records = new ArrayList<>(current.records());
        if (added != null) {
            records.add(0, added);
        }
        while (records.size() > limit) {
            records.remove(records.size() - 1);
        }
        var next = new History(state, records, null);
        Map<String, String> data = new LinkedHashMap<>();
        try {
            data.put("state", JSON.writeValueAsString(state));
            int size = data.get("state").length();
            for (HistoryRecord r : next.records()) {
                String json = JSON.writeValueAsString(r);
                if (size + json.length() > MAX_BYTES) {
                    break;
                }
                size += json.length();
                data.put(String.format("r%08d", r.number()), json);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var cm = new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .withResourceVersion(current.resourceVersion())
                .addToLabels("app.kubernetes.io/part-of", "kustos").addToLabels("kustos.io/environment", environment)
                .endMetadata().withData(data).build();
        var written = client.configMaps().inNamespace(namespace).resource(cm).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        return new History(state, next.records(), written == null ? null : written.getMetadata().getResourceVersion());
    }
}
