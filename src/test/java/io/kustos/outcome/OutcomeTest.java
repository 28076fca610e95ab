package io.kustos.outcome;

import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The one list of outcomes and its spellings: the word the history stores and the CLI prints, the
 * metric label, the notification event (as README.md documents each).
 */
class OutcomeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // outcome,          word (history, CLI),   metric label,       notification event
            "IN_SYNC,            in-sync,               in_sync,            ",
            "DIFFERS,            differs,               differs,            ",
            "APPLIED,            applied,               applied,            applied",
            "FAILED,             failed,                failed,             failed",
            "ROLLED_BACK,        rolled-back,           rolled_back,        rolledBack",
            "DRIFT_DETECTED,     drift-detected,        drift_detected,     ",
            "DRIFT_CORRECTED,    drift-corrected,       drift_corrected,    driftCorrected",
            "PAUSED,             paused,                paused,             ",
            "EMERGENCY_ROLLBACK, emergency-rollback,    emergency_rollback, ",
            "RESUMED,            resumed,               resumed,            ",
            "HELD,               held,                  held,               ",
            "WAITING,            waiting,               waiting,            ",
    })
    void eachOutcomeIsSpelledForEachMedium(Outcome outcome, String word, String label, String notification) {
        assertEquals(word, outcome.word());
        assertEquals(label, outcome.metricLabel());
        assertEquals(notification != null, outcome.notified());
        if (notification != null) {
            assertEquals(notification, outcome.notificationWord());
            assertEquals(outcome, Outcome.ofNotification(notification));
        }
    }

    /** Every word a kustos-history ConfigMap holds, also from older releases, reads back. */
    @ParameterizedTest
    @CsvSource({
            "applied, APPLIED",
            "failed, FAILED",
            "rolled-back, ROLLED_BACK",
            "drift-corrected, DRIFT_CORRECTED",
            "emergency-rollback, EMERGENCY_ROLLBACK",
            "resumed, RESUMED",
            "waiting, WAITING",
    })
    void everyStoredWordParsesBack(String stored, Outcome outcome) {
        assertEquals(outcome, Outcome.of(stored));
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyWordRoundTrips(Outcome outcome) {
        assertEquals(outcome, Outcome.of(outcome.word()));
    }

    @Test
    void anUnknownWordIsRefusedNamingItAndTheKnownOnes() {
        var e = assertThrows(StallingException.class, () -> Outcome.of("rolled_back"));
        assertEquals("\"rolled_back\" is not an outcome (known: in-sync, differs, applied, failed, rolled-back, drift-detected, "
                + "drift-corrected, paused, emergency-rollback, resumed, held, waiting)", e.getMessage());
        assertThrows(StallingException.class, () -> Outcome.of(null));
    }

    @Test
    void anUnknownNotificationEventIsRefusedNamingTheKnownOnes() {
        var e = assertThrows(StallingException.class, () -> Outcome.ofNotification("rolled-back"));
        assertEquals("\"rolled-back\" is not an event (known: applied, failed, rolledBack, driftCorrected)", e.getMessage());
        assertThrows(StallingException.class, () -> Outcome.ofNotification("inSync"), "in sync is never notified");
    }

    @Test
    void notificationsDefaultToTheFourNotifiedOutcomesInTheirDocumentedOrder() {
        assertEquals(List.of(Outcome.APPLIED, Outcome.FAILED, Outcome.ROLLED_BACK, Outcome.DRIFT_CORRECTED), Outcome.notifiedOutcomes());
    }

    @Test
    void onlyFailuresRollbacksAndHeldRevisionsAreUnsuccessful() {
        for (Outcome o : Outcome.values()) {
            assertEquals(o != Outcome.FAILED && o != Outcome.ROLLED_BACK && o != Outcome.HELD, o.succeeded(), o.word());
        }
    }
}
