package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;

import java.lang.reflect.Field;
import java.util.ArrayList;
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
        Map.Entry<AttributeSet, String> entry;
        lock.readLock().lock();
        try {
            entry = findResource(getKey(type.objectPath(namespace, name)));
        } finally {
            lock.readLock().unlock();
        }
        return entry == null ? Optional.empty() : Optional.of(Json.parseObject(entry.getValue()));
    }

    /** All objects of a type, in one namespace or (namespace null) everywhere. */
    List<ObjectNode> list(ResourceType type, String namespace) {
        List<String> values;
        lock.readLock().lock();
        try {
            synchronized (map) {
                values = new ArrayList<>(map.values());
            }
        } finally {
            lock.readLock().unlock();
        }
        List<ObjectNode> result = new ArrayList<>();
        for (String value : values) {
            ObjectNode node = Json.parseObject(value);
            if (type.apiVersion().equals(node.path("apiVersion").asText())
                    && type.kind().equals(node.path("kind").asText())
                    && (namespace == null || namespace.equals(Json.text(node, "metadata", "namespace")))) {
                result.add(node);
            }
        }
        return result;
    }

    /** Stores an object, replacing any previous version, and notifies watchers. Call inside {@link #write}. */
    void put(ResourceType type, ObjectNode object) {
        String path = type.objectPath(Json.text(object, "metadata", "namespace"), Json.text(object, "metadata", "name"));
        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> old = findResource(key);
        processEvent(path, key, old == null ? null : old.getKey(), null, Json.write(object));
    }

    /** Removes an object and notifies watchers. Call inside {@link #write}. */
    void remove(ResourceType type, String namespace, String name) {
        String path = type.objectPath(namespace, name);
        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> old = findResource(key);
        if (old != null) {
            processEvent(path, key, old.getKey(), null, null);
        }
    }

    /** A list or watch, answered by the CRUD dispatcher (label and field selectors, websockets). */
    MockResponse listOrWatch(String pathAndQuery) {
        return handleGet(pathAndQuery);
    }
}
