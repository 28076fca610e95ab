package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.live.ConfigMapsOnly;
import io.kustos.live.LiveObjects;
import io.kustos.live.LiveStateReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Review10 W2: an environment a commit leaves unchanged is recorded from the watch caches only when
 * their ConfigMaps have come up to the history just read by a GET (its resourceVersion or later):
 * then every ConfigMap change written before the history's last write (a hand edit, a CLI run that
 * failed part way) is in what was compared. A cache behind it, or without the history, sends the run
 * on the full path.
 */
class ACacheBehindTheHistoryIsNotTrustedTest {
    @Test
    void theCachesAreTrustedOnlyAtOrAfterTheHistoryRead() {
        assertTrue(UntouchedEnvironmentStep.caughtUp(cachesWithHistoryAt("120"), "qa", "120"), "at the version read");
        assertTrue(UntouchedEnvironmentStep.caughtUp(cachesWithHistoryAt("131"), "qa", "120"), "after it (written again since)");
        assertFalse(UntouchedEnvironmentStep.caughtUp(cachesWithHistoryAt("99"), "qa", "120"), "behind it: the caches lag");
        assertFalse(UntouchedEnvironmentStep.caughtUp(cachesWithHistoryAt("120"), "qa", null), "no history read");
        assertFalse(UntouchedEnvironmentStep.caughtUp(caches(List.of(configMap("app-config", "150"))), "qa", "120"),
                "no history in the cache yet");
        assertTrue(UntouchedEnvironmentStep.caughtUp(cachesWithHistoryAt("a7"), "qa", "a7"), "a version that is no number: the same one");
        assertFalse(UntouchedEnvironmentStep.caughtUp(cachesWithHistoryAt("b8"), "qa", "a7"), "a version that is no number: another one");
    }

    private static LiveObjects cachesWithHistoryAt(String resourceVersion) {
        return caches(List.of(configMap("app-config", "5"), configMap(LiveStateReader.HISTORY, resourceVersion)));
    }

    private static LiveObjects caches(List<ConfigMap> configMaps) {
        return new ConfigMapsOnly("qa", configMaps);
    }

    private static ConfigMap configMap(String name, String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("qa").withResourceVersion(resourceVersion)
                .endMetadata().build();
    }
}
