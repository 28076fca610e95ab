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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps a target's {@link History} in the ConfigMap {@code kustos-history} of its namespace: the
 * state under {@code state}, and each record under {@code r<number>}, at most {@code limit} of
 * them, whatever their size: the newest fill the ConfigMap's ~900 KB, the others are kept in part
 * ConfigMaps ({@link HistoryParts}) that it names under {@code p<number>}; parts are written before it, and
 * those it no longer names are deleted after it — also, once {@link #UNNAMED_PARTS_KEPT} old, parts it never
 * named (a writer killed between its parts and its write). A reconcile reads it
 * (and its parts) from the list of ConfigMaps it makes anyway ({@link #read}), and writes it once
 * per revision that changed something or failed. It is not labelled managed-by Kustos, so pruning
 * never touches it.
 *
 * <p>Every write is a compare-and-swap on the kustos-history ConfigMap's resourceVersion (the first
 * one a create): a writer that lost a race reads again, merges, and leaves out its record when the
 * winner recorded the same revision with the same outcome meanwhile, so two processes never
 * record one revision twice.
 */
public final class HistoryStore {
    public static final String NAME = io.kustos.live.LiveStateReader.HISTORY;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 900 * 1024;
    private static final int ATTEMPTS = 4;
    /** Its own field manager, so no manifest applied by Kustos can take its fields. */
    private static final String FIELD_MANAGER = "kustos-history";

    /**
     * How old a part the kustos-history ConfigMap does not name must be before a write deletes it: a writer's parts are
     * unnamed only from their creation to its write of the ConfigMap, seconds apart, unless that writer was killed.
     */
    static final Duration UNNAMED_PARTS_KEPT = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final String namespace;
    private final String environment;
    private final int limit;
    private final Clock clock;

    public HistoryStore(KubernetesClient client, String namespace, String environment, int limit) {
        this(client, namespace, environment, limit, Clock.systemUTC());
    }

    /** @param clock what the age of an unnamed part is measured by (against its creationTimestamp) */
    HistoryStore(KubernetesClient client, String namespace, String environment, int limit, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.environment = environment;
        this.limit = limit;
        this.clock = clock;
    }

    /** The history as it is now (one list of the kustos-history ConfigMap and its parts). */
    public History load() {
        try {
            List<ConfigMap> listed = client.configMaps().inNamespace(namespace).withLabel(HistoryParts.PART_OF, "kustos")
                    .withLabel(HistoryParts.ENVIRONMENT, environment).list().getItems();
            ConfigMap main = listed.stream().filter(cm -> NAME.equals(cm.getMetadata().getName())).findFirst().orElse(null);
            return read(main, listed.stream().filter(HistoryParts::isPart).toList());
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot read " + namespace + "/" + NAME + ": " + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    /**
     * The history as it is now, by one GET of the kustos-history ConfigMap; when it keeps records in parts, by
     * {@link #load} (one list), so that no record is left out.
     */
    public History get() {
        ConfigMap cm = getConfigMap();
        return parted(cm) ? load() : read(cm);
    }

    /** Whether the kustos-history ConfigMap {@code cm} keeps records in parts (then {@link #read} needs them: {@link #load}). */
    public static boolean parted(ConfigMap cm) {
        return cm != null && cm.getData() != null && cm.getData().keySet().stream().anyMatch(k -> k.startsWith("p"));
    }

    /** The kustos-history ConfigMap, by one GET (null: there is none); {@link #read} reads it unless {@link #parted}. */
    public ConfigMap getConfigMap() {
        try {
            return client.configMaps().inNamespace(namespace).withName(NAME).get();
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot read " + namespace + "/" + NAME + ": " + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    /** {@link #read(ConfigMap, List)} of a history without parts. */
    public History read(ConfigMap cm) {
        return read(cm, List.of());
    }

    /**
     * The history in {@code cm}, the kustos-history ConfigMap as read by a list or a GET (null:
     * there is none yet), and {@code parts}, the part ConfigMaps listed with it. Its resourceVersion
     * guards the next {@link #save}, as after {@link #load}.
     */
    public History read(ConfigMap cm, List<ConfigMap> parts) {
        if (cm == null) {
            return History.EMPTY;
        }
        if (cm.getData() == null) { // created empty by a writer that has not written yet
            return new History(TargetState.EMPTY, List.of(), cm.getMetadata().getResourceVersion());
        }
        Map<String, ConfigMap> byName = parts.stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
        try {
            TargetState state = cm.getData().containsKey("state") ? JSON.readValue(cm.getData().get("state"), TargetState.class) : TargetState.EMPTY;
            var records = new ArrayList<HistoryRecord>();
            var stored = new LinkedHashMap<Long, List<String>>();
            for (var e : cm.getData().entrySet()) {
                if (e.getKey().startsWith("r")) {
                    records.add(UnkeyedFingerprints.scrub(JSON.readValue(e.getValue(), HistoryRecord.class)));
                } else if (e.getKey().startsWith("p")) {
                    List<String> names = List.of(e.getValue().split(","));
                    stored.put(Long.parseLong(e.getKey().substring(1)), names);
                    var json = HistoryParts.join(names, byName);
                    if (json.isPresent()) {
                        records.add(UnkeyedFingerprints.scrub(JSON.readValue(json.get(), HistoryRecord.class)));
                    } else {
                        LOG.warn("{}/{}: record {} is kept in {}, which are not all there: it is left out", namespace, NAME,
                                e.getKey().substring(1), e.getValue());
                    }
                }
            }
            return new History(state, records, cm.getMetadata().getResourceVersion(), stored, unnamed(parts, stored));
        } catch (JsonProcessingException | NumberFormatException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new TransientException(namespace + "/" + NAME + " is not readable history (" + why + ")", FailureReason.HISTORY_UNREADABLE, null);
        }
    }

    /**
     * Writes the new state and, if given, one more record; the oldest records beyond the limit go.
     * The write carries the resourceVersion that {@code current} was read at: if someone wrote in
     * between (the CLI's emergency rollback while the daemon waited for a rollout, or another
     * process applying the same revision), the fresh history is read again and this save's changes
     * are merged into it, field by field; a record of the same revision and outcome written
     * meanwhile stands for this one.
     *
     * @return the history as written, and whether {@code added} is in it or was left out as recorded by another writer
     */
    public Saved save(History current, TargetState state, HistoryRecord added) {
        if (added == null && state.equals(current.state())) {
            return new Saved(current, false);
        }
        History readAt = current;
        History base = current;
        for (int attempt = 1; ; attempt++) {
            try {
                return new Saved(write(base, state, added), added != null);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw new TransientException("cannot write " + namespace + "/" + NAME + ": " + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
                }
                History fresh = load();
                state = fresh.state().merge(base.state(), state);
                if (added != null && fresh.recordedSince(readAt, added)) {
                    LOG.info("{}/{}: {} was recorded meanwhile by another writer; not recorded twice", namespace, NAME, added.config());
                    added = null;
                } else if (added != null) {
                    added = added.withNumber(fresh.nextNumber());
                }
                base = fresh;
                if (added == null && state.equals(fresh.state())) {
                    return new Saved(fresh, false);
                }
            }
        }
    }

    /**
     * The state of the history as it is now, by one GET of the kustos-history ConfigMap, without reading its records (nor its
     * parts): for {@link #saveStateIfUnchanged}, which writes the state alone. Null when there is no history yet, or it was
     * created empty by a writer that has not written yet.
     */
    public StateAt getState() {
        ConfigMap cm = getConfigMap();
        if (cm == null || cm.getData() == null) {
            return null;
        }
        return new StateAt(stateOf(cm), cm.getMetadata().getResourceVersion());
    }

    /** The state kept in the kustos-history ConfigMap {@code cm} (with data), its records unread. */
    public TargetState stateOf(ConfigMap cm) {
        try {
            String state = cm.getData().get("state");
            return state == null ? TargetState.EMPTY : JSON.readValue(state, TargetState.class);
        } catch (JsonProcessingException e) {
            throw new TransientException(namespace + "/" + NAME + " is not readable history (" + e.getOriginalMessage() + ")",
                    FailureReason.HISTORY_UNREADABLE, null);
        }
    }

    /**
     * Writes {@code state} in place of {@code current}'s, and nothing else (the records stay as they are, unread and unsent),
     * only if no one wrote the history since {@code current} was read: one merge patch of the state key, guarded by the
     * resourceVersion it was read at. @return false when someone did (409) or the history is gone (404), and nothing was written
     */
    public boolean saveStateIfUnchanged(StateAt current, TargetState state) {
        try {
            var patch = JSON.createObjectNode();
            patch.putObject("metadata").put("resourceVersion", current.resourceVersion());
            patch.putObject("data").put("state", JSON.writeValueAsString(state));
            var merge = new io.fabric8.kubernetes.client.dsl.base.PatchContext.Builder()
                    .withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build();
            // on the resource of an object, not withName(): fabric8 would GET the object first to patch it by name
            client.configMaps().inNamespace(namespace).resource(configMap(Map.of(), null)).patch(merge, JSON.writeValueAsString(patch));
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return false;
            }
            throw new TransientException("cannot write " + namespace + "/" + NAME + ": " + ApiFailures.describe(e, client), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    /**
     * The state of a history and the resourceVersion of the kustos-history ConfigMap it was read from ({@link #getState}):
     * not a {@link History}, so that no save can take it for one whose records are all there.
     */
    public record StateAt(TargetState state, String resourceVersion) {
    }

    /**
     * What a {@link #save} wrote.
     *
     * @param history  the history as it is after the save
     * @param recorded whether the record given to the save is in it: false when there was none, or when another writer recorded
     *                 the same revision and outcome meanwhile and this one was left out (that writer sent its Event)
     */
    public record Saved(History history, boolean recorded) {
    }

    /** The parts of this environment's history in {@code parts} that {@code stored} does not name, with when they were created. */
    private Map<String, Instant> unnamed(List<ConfigMap> parts, Map<Long, List<String>> stored) {
        Set<String> named = new HashSet<>();
        stored.values().forEach(named::addAll);
        var unnamed = new LinkedHashMap<String, Instant>();
        for (ConfigMap part : parts) {
            var meta = part.getMetadata();
            if (HistoryParts.isPart(part) && !named.contains(meta.getName()) && meta.getLabels() != null
                    && environment.equals(meta.getLabels().get(HistoryParts.ENVIRONMENT)) && meta.getCreationTimestamp() != null) {
                unnamed.put(meta.getName(), Instant.parse(meta.getCreationTimestamp()));
            }
        }
        return unnamed;
    }

    private History write(History current, TargetState state, HistoryRecord added) {
        var records = new ArrayList<>(current.records());
        if (added != null) {
            records.add(0, added);
        }
        while (records.size() > limit) {
            records.remove(records.size() - 1);
        }
        Map<String, String> data = new LinkedHashMap<>();
        var stored = new LinkedHashMap<Long, List<String>>();
        var newParts = new ArrayList<ConfigMap>();
        try {
            data.put("state", JSON.writeValueAsString(state));
            int size = bytes(data.get("state"));
            for (HistoryRecord r : records) {
                List<String> kept = current.parts().get(r.number());
                if (kept != null && r != added) {
                    String names = String.join(",", kept);
                    data.put(String.format("p%08d", r.number()), names);
                    size += bytes(names);
                    stored.put(r.number(), kept);
                    continue;
                }
                String json = JSON.writeValueAsString(r);
                if (size + bytes(json) <= MAX_BYTES) {
                    size += bytes(json);
                    data.put(String.format("r%08d", r.number()), json);
                    continue;
                }
                var parts = HistoryParts.split(namespace, environment, r.number(), json);
                var names = parts.stream().map(p -> p.getMetadata().getName()).toList();
                newParts.addAll(parts);
                data.put(String.format("p%08d", r.number()), String.join(",", names));
                size += bytes(String.join(",", names));
                stored.put(r.number(), names);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var configMaps = client.configMaps().inNamespace(namespace);
        // the first write creates it empty, so that of two first writers one gets a 409, as later ones do from the resourceVersion
        String resourceVersion = current.resourceVersion() != null ? current.resourceVersion()
                : configMaps.resource(configMap(Map.of(), null)).create().getMetadata().getResourceVersion();
        newParts.forEach(p -> configMaps.resource(p).create());
        ConfigMap written;
        try {
            written = configMaps.resource(configMap(data, resourceVersion)).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            delete(newParts.stream().map(p -> p.getMetadata().getName()).toList()); // never named: nobody reads them
            throw e;
        }
        Set<String> named = new HashSet<>();
        stored.values().forEach(named::addAll);
        delete(current.parts().values().stream().flatMap(List::stream).filter(n -> !named.contains(n)).toList());
        Instant before = clock.instant().minus(UNNAMED_PARTS_KEPT);
        delete(current.unnamedParts().entrySet().stream().filter(e -> e.getValue().isBefore(before)).map(Map.Entry::getKey).toList());
        return new History(state, records, written == null ? null : written.getMetadata().getResourceVersion(), stored);
    }

    private ConfigMap configMap(Map<String, String> data, String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withResourceVersion(resourceVersion)
                .addToLabels(HistoryParts.PART_OF, "kustos").addToLabels(HistoryParts.ENVIRONMENT, environment)
                .endMetadata().withData(data.isEmpty() ? null : data).build();
    }

    /**
     * Deletes parts no longer named, or never named; best effort: a part left behind is never read, and goes with a later
     * write once it is {@link #UNNAMED_PARTS_KEPT} old.
     */
    private void delete(List<String> names) {
        for (String name : names) {
            try {
                client.configMaps().inNamespace(namespace).withName(name).delete();
            } catch (KubernetesClientException e) {
                LOG.warn("could not delete {}/{}, a history part no longer used: {}", namespace, name, ApiFailures.describe(e, client));
            }
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
