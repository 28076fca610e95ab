package io.kustos.runtime;

import io.kustos.config.LeaderElection;
import io.kustos.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the log says of a Lease held for a role: under sharding, giving up {@code kustos-previews} on
 * shutdown is INFO and says previewing stops (not reconciling); a loss is a WARN; a free lease is not "held by null".
 */
class LeaseLeadershipLogTest {
    private static final LeaderElection SETTINGS = new LeaderElection(true, "kustos", "kustos-previews",
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));

    private final List<Boolean> changes = new ArrayList<>();

    private static List<String> lines(LogCapture log) {
        return log.events().stream().filter(e -> e.getLoggerName().endsWith("LeaseLeadership"))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void givingUpThePreviewsLeaseOnShutdownIsInfoAndSaysPreviewingStops() {
        var leadership = new LeaseLeadership(null, SETTINGS, "kustos", "pod-a", "previewing");
        var callbacks = leadership.callbacks(changes::add);
        try (var log = LogCapture.start()) {
            callbacks.onStartLeading();
            leadership.close();
            callbacks.onStopLeading();
            callbacks.onNewLeader(null);
            assertEquals(List.of(
                    "INFO leading: this replica (pod-a) holds lease kustos/kustos-previews: previewing starts",
                    "INFO gave up lease kustos/kustos-previews on shutdown: previewing stops here",
                    "INFO lease kustos/kustos-previews is free: no replica holds it"), lines(log));
        }
    }

    @Test
    void aLossIsAWarningNamingWhatStops() {
        var leadership = new LeaseLeadership(null, SETTINGS, "kustos", "pod-a", "previewing");
        var callbacks = leadership.callbacks(changes::add);
        try (var log = LogCapture.start()) {
            callbacks.onStartLeading();
            callbacks.onStopLeading();
            assertTrue(log.events().stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().equals("lost lease kustos/kustos-previews: previewing stops")), lines(log).toString());
        }
        assertEquals(List.of(true, false), changes);
    }
}
