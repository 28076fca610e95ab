package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The objects of the cluster, kept by fabric8's CRUD dispatcher so that its list filtering and
 * watch streams keep working; every write here goes through {@link #put} and {@link #remove}.
 */
final class ObjectStore extends KubernetesCrudDispatcher {

    private final ReadWriteLock lock = crudLock(this);
    /** The same objects by type and namespace, then name: gets and lists read only their own (guarded by {@link #lock}). */
    private final Map<String, TreeMap<String, String>> index = new HashMap<>();

    /**
     * The CRUD dispatcher guards its map with a private lock that its watch start-up also takes;
     * our writes take the same lock so a watch never sees the map change under it.
     */
    private static ReadWriteLock crudLock(KubernetesCrudDispatcher dispatcher) {
        try {
            Field field = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            field.setAccessible(true);
            return (ReadWriteLock) field.get(dispatcher);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new ReentrantReadWriteLock();
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
        String path = type.objectPath(Json.text(object, "metadata", "namespace"), Json.text(object, "metadata", "name"));
        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> old = findResource(key);
        String json = Json.write(object);
        processEvent(path, key, old == null ? null : old.getKey(), null, json);
        index.computeIfAbsent(indexKey(type, Json.text(object, "metadata", "namespace")), k -> new TreeMap<>())
                .put(Json.text(object, "metadata", "name"), json);
    }

    /** Removes an object and notifies watchers. Call inside {@link #write}. */
    void remove(ResourceType type, String namespace, String name) {
        String path = type.objectPath(namespace, name);
        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> old = findResource(key);
        if (old != null) {
            processEvent(path, key, old.getKey(), null, null);
        }
        var names = index.get(indexKey(type, namespace));
        if (names != null) {
            names.remove(name);
        }
    }

    /** A list or watch, answered by the CRUD dispatcher (label and field selectors, websockets). */
    MockResponse listOrWatch(String pathAndQuery) {
        return handleGet(pathAndQuery);
    }
}
