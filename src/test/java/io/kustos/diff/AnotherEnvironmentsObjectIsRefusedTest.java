package io.kustos.diff;

import io.kustos.failure.FailureReason;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.render.ConfigValue;
import io.kustos.render.Labels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Through allowedNamespaces two environments could write one object; the one whose label it carries keeps it. */
class AnotherEnvironmentsObjectIsRefusedTest {
    private final Differ differ = new Differ();

    @Test
    void anObjectLabelledForAnotherEnvironmentIsRefusedNamingBoth() {
        var d = configMap(Map.of("A", "1"));
        LiveConfig theirs = labelledFor("web", live(d, Map.of("A", ConfigValue.text("2")), Set.of("A")));

        var e = assertThrows(DiffException.class,
                () -> differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, theirs), Map.of())));

        assertEquals(FailureReason.INVALID_INPUT, e.reason());
        assertTrue(e.getMessage().startsWith("config:x.yaml: ConfigMap staging/app-config belongs to environment web"), e.getMessage());
        assertTrue(e.getMessage().contains("not to staging; refusing to write it from staging"), e.getMessage());
        assertTrue(e.getMessage().contains("Give it another name"), e.getMessage());
    }

    @Test
    void anObjectOfThisEnvironmentOrUnlabelledIsCompared() {
        var d = configMap(Map.of("A", "1"));
        LiveConfig ours = live(d, Map.of("A", ConfigValue.text("2")), Set.of("A"));
        assertEquals(1, differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, ours), Map.of())).configs().size());

        var noLabel = new TreeMap<>(ours.labels());
        noLabel.remove(Labels.ENVIRONMENT);
        LiveConfig unlabelled = new LiveConfig(ours.key(), ours.type(), noLabel, ours.annotations(), ours.entries(),
                ours.ownedEntries(), Set.of(), ours.ownedAnnotations());
        assertEquals(1, differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, unlabelled), Map.of())).configs().size());
    }

    private static LiveConfig labelledFor(String environment, LiveConfig l) {
        var labels = new TreeMap<>(l.labels());
        labels.put(Labels.ENVIRONMENT, environment);
        return new LiveConfig(l.key(), l.type(), labels, l.annotations(), l.entries(), l.ownedEntries(), l.ownedLabels(),
                l.ownedAnnotations());
    }
}
