package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.kustos.failure.RetryDelay;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Review10 W2, review11a B2: an environment a commit leaves unchanged is recorded from the watch
 * caches only when their ConfigMap watch has come up to the history just read by a GET (its
 * resourceVersion or later): then every ConfigMap change written before the history's last write (a
 * hand edit, a CLI run that failed part way) is counted. fabric8 puts an object in the informer's
 * store before its handlers run, so what counts is the history's event handled, not the store: here
 * the store holds the history while the handlers have not run yet (a fake informer).
 */
class ACacheBehindTheHistoryIsNotTrustedTest {
    private final List<ConfigMap> store = new ArrayList<>();
    private final List<ResourceEventHandler<ConfigMap>> handlers = new ArrayList<>();

    @Test
    void theCachesAreTrustedOnlyOnceTheHistoryReadWasHandled() {
        try (var watches = new ClusterWatches(null, new RetryDelay(Duration.ofSeconds(1)), Clock.systemUTC())) {
            var watched = watches.forEnvironment();
            watches.items("ConfigMap", "qa", this::informer);
            long before = watches.changes(List.of(ClusterWatches.key("ConfigMap", "qa")));
            var edited = configMap("app-config", "110"); // a hand edit before the history's last write
            var history = configMap(LiveStateReader.HISTORY, "120");
            store.add(edited);
            store.add(history);
            assertFalse(watched.historyHandled("qa", "120"), "the store holds the history, but the hand edit is not counted yet");

            handlers.forEach(h -> h.onAdd(edited));
            assertFalse(watched.historyHandled("qa", "120"), "the history's event not handled yet");
            handlers.forEach(h -> h.onAdd(history));
            assertEquals(before + 1, watches.changes(List.of(ClusterWatches.key("ConfigMap", "qa"))), "the hand edit counted");
            assertTrue(watched.historyHandled("qa", "120"), "at the version read");
            assertTrue(watched.historyHandled("qa", "99"), "after it (written again since)");
            assertFalse(watched.historyHandled("qa", "131"), "behind it: the watch lags");
            assertFalse(watched.historyHandled("qa", null), "no history read");
            assertFalse(watched.historyHandled("other", "120"), "another namespace's watch");

            handlers.forEach(h -> h.onUpdate(history, configMap(LiveStateReader.HISTORY, "a7")));
            assertTrue(watched.historyHandled("qa", "a7"), "a version that is no number: the same one");
            assertFalse(watched.historyHandled("qa", "b8"), "a version that is no number: another one");
        }
    }

    private static ConfigMap configMap(String name, String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("qa").withResourceVersion(resourceVersion)
                .endMetadata().build();
    }

    /** An informer that is watching and synced, whose store and handlers the test drives, each on its own. */
    @SuppressWarnings("unchecked")
    private SharedIndexInformer<ConfigMap> informer() {
        Store<ConfigMap> cache = (Store<ConfigMap>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Store.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> List.copyOf(store);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (SharedIndexInformer<ConfigMap>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{SharedIndexInformer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "addEventHandler" -> {
                        handlers.add((ResourceEventHandler<ConfigMap>) args[0]);
                        yield proxy;
                    }
                    case "isRunning", "isWatching", "hasSynced" -> true;
                    case "getStore" -> cache;
                    case "close" -> null;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
