package io.kustos.live;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/** A watch cache's store that keeps each object only as far as the compare reads it ({@link ComparedFields}). */
final class ComparedFieldsStore<T extends HasMetadata> extends BasicItemStore<T> {
    ComparedFieldsStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T obj) {
        return super.put(key, ComparedFields.of(obj));
    }
}
