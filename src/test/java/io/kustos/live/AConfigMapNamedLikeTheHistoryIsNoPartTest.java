package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.render.DesiredState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Review11a B1: only the {@code kustos-history} ConfigMap and the ConfigMaps labelled as its parts
 * ({@link LiveStateReader#HISTORY_PART_LABEL}) are the history; a user's ConfigMap merely named
 * {@code kustos-history-…} (managed from git) is a config like any other: read as a history part it
 * would never be counted as changed by the watches, and its drift never found.
 */
class AConfigMapNamedLikeTheHistoryIsNoPartTest {
    private static final ConfigMap HISTORY = configMap(LiveStateReader.HISTORY, false);
    private static final ConfigMap PART = configMap(LiveStateReader.HISTORY + "-00000003-ab12cd34-0", true);
    private static final ConfigMap USERS = configMap(LiveStateReader.HISTORY + "-export", false);

    @Test
    void onlyTheLabelMakesAPart() {
        assertTrue(LiveStateReader.historyOrPart(HISTORY), "the history");
        assertTrue(LiveStateReader.historyOrPart(PART), "a labelled part");
        assertFalse(LiveStateReader.historyPart(USERS), "a user's ConfigMap named kustos-history-export");
        assertFalse(LiveStateReader.historyOrPart(USERS), "a user's ConfigMap named kustos-history-export");
        assertFalse(LiveStateReader.historyOrPart(configMap("app-config", false)), "another ConfigMap");
    }

    @Test
    void theReaderTakesOnlyLabelledPartsAsTheHistorys() {
        var desired = new DesiredState("qa", "qa", null, List.of(), List.of(), List.of(), "sha256:x");
        var found = new LiveStateReader(new ConfigMapsOnly("qa", List.of(HISTORY, PART, USERS))).read(desired);
        assertEquals(HISTORY, found.history());
        assertEquals(List.of(PART), found.historyParts());
    }

    private static ConfigMap configMap(String name, boolean part) {
        var meta = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("qa").withResourceVersion("7");
        if (part) {
            meta.addToLabels(LiveStateReader.HISTORY_PART_LABEL, "3");
        }
        return meta.endMetadata().addToData("v", "1").build();
    }
}
