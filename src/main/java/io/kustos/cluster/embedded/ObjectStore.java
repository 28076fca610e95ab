package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.kustos.work.Threads;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The objects of the cluster, kept by fabric8's CRUD dispatcher so that its list filtering and
 * watch streams keep working; every write here goes through {@link #put} and {@link #remove}.
 */
final class ObjectStore extends KubernetesCrudDispatcher {

    private final ReadWriteLock lock = crudField(this, "lock", ReadWriteLock.class, ReentrantReadWriteLock::new);
    private final KubernetesAttributesExtractor attributes = crudField(this, "kubernetesAttributesExtractor",
            KubernetesAttributesExtractor.class, KubernetesAttributesExtractor::new);
    /** The CRUD dispatcher's live watch streams (empty if this fabric8 version keeps them elsewhere). */
    private final Set<?> watchStreams = crudField(this, "watchEventListeners", Set.class, Set::of);
    /** Ends watch streams off the event loop ({@link WatchEndsOffTheEventLoop}); its idle threads end after a minute. */
    private final ExecutorService watchEnder = Executors.newCachedThreadPool(Threads.daemon("embedded-watch-end"));
    /** The same objects by type and namespace, then name: gets and lists read only their own (guarded by {@link #lock}). */
    private final Map<String, TreeMap<String, String>> index = new HashMap<>();
    /**
     * A private field of the CRUD dispatcher, or {@code fallback} if this fabric8 version has none:
     * its {@code lock}, which its watch start-up also takes, so that our writes take the same lock
     * and a watch never sees the map change under it; its attribute extractor, so that our keys
     * equal the keys it stores objects under.
     */
    private static <T> T crudField(KubernetesCrudDispatcher dispatcher, String name, Class<T> type, Supplier<T> fallback) {
        try {
            Field field = KubernetesCrudDispatcher.class.getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(dispatcher));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fallback.get();
        }
    }

    /** Runs a read-modify-write under the store's write lock. */
    <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One object; under the read lock, since the lookup walks the map that writes change. */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        String value;
        lock.readLock().lock();
        try {
            value = index.getOrDefault(indexKey(type, namespace), EMPTY).get(name);
        } finally {
            lock.readLock().unlock();
        }
        return value == null ? Optional.empty() : Optional.of(Json.parseObject(value));
    }

    /** All objects of a type, in one namespace or (namespace null) everywhere. */
    List<ObjectNode> list(ResourceType type, String namespace) {
        List<String> values = new ArrayList<>();
        lock.readLock().lock();
        try {
            if (namespace != null) {
                values.addAll(index.getOrDefault(indexKey(type, namespace), EMPTY).values());
            } else {
                String prefix = indexKey(type, "");
                index.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        values.addAll(v.values());
                    }
                });
            }
        } finally {
            lock.readLock().unlock();
        }
        List<ObjectNode> result = new ArrayList<>(values.size());
        for (String value : values) {
            result.add(Json.parseObject(value));
        }
        return result;
    }

    private static final TreeMap<String, String> EMPTY = new TreeMap<>();

    private static String indexKey(ResourceType type, String namespace) {
        return type.apiVersion() + "|" + type.kind() + "|" + (namespace == null ? "" : namespace);
    }

    /** Stores an object, replacing any previous version, and notifies watchers. Call inside {@link #write}. */
    void put(ResourceType type, ObjectNode object) {
        String namespace = Json.text(object, "metadata", "namespace");
        String name = Json.text(object, "metadata", "name");
        String path = type.objectPath(namespace, name);
        AttributeSet key = getKey(path);
        String json = Json.write(object);
        var names = index.computeIfAbsent(indexKey(type, namespace), k -> new TreeMap<>());
        String old = names.put(name, json);
        processEvent(path, key, old == null ? null : storedKey(key, old), null, json);
    }

    /** Removes an object and notifies watchers. Call inside {@link #write}. */
    void remove(ResourceType type, String namespace, String name) {
        var names = index.get(indexKey(type, namespace));
        String old = names == null ? null : names.remove(name);
        if (old != null) {
            String path = type.objectPath(namespace, name);
            AttributeSet key = getKey(path);
            processEvent(path, key, storedKey(key, old), null, null);
        }
    }

    /**
     * The key {@code processEvent} stored an object under: its attributes, with the path's when
     * they lack a plural. Derived from the stored JSON, because the CRUD dispatcher's own lookup
     * ({@code findResource}) scans every object, which made each write cost time in proportion to
     * the cluster's size.
     */
    private AttributeSet storedKey(AttributeSet pathKey, String json) {
        AttributeSet key = attributes.fromResource(json);
        return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathKey, key);
    }

    /**
     * A list or watch, answered by the CRUD dispatcher (label selectors, {@code metadata.*} field
     * selectors, websockets); lists get other field labels from {@link FieldSelector}.
     */
    MockResponse listOrWatch(String pathAndQuery) {
        MockResponse response = handleGet(pathAndQuery);
        WebSocketListener stream = response.getWebSocketListener();
        return stream == null ? response : response.withWebSocketUpgrade(new WatchEndsOffTheEventLoop(stream, watchStreams, watchEnder));
    }
}
