package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.reconcile.PromotionGate.Decision;
import io.kustos.reconcile.PromotionGate.Followed;
import io.kustos.reconcile.PromotionGate.Reason;
import io.kustos.reconcile.PromotionGate.ThisRun;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Production follows staging (and canary): it applies the releases commit N only once they stand
 * at N. States are remembered revision pairs; N is the new releases commit,
 * O the one before.
 */
class PromotionGateTest {
    private static final Revision N = new Revision("main", "1a2b3c4" + "0".repeat(33));
    private static final String O = "0d0d0d0" + "0".repeat(33);
    private static final String CONFIG = "c" + "0".repeat(39);

    private static final TargetState AT_OLD = TargetState.EMPTY.withGood(pair(CONFIG, O));
    private static final TargetState AT_NEW = TargetState.EMPTY.withGood(pair(CONFIG, N.sha()));
    /** Its rollout of N failed and it was rolled back to O: N is held there. */
    private static final TargetState FAILED_AT_NEW = AT_OLD.withFailed(pair(CONFIG, N.sha()));
    /** An emergency rollback to O paused it. */
    private static final TargetState PAUSED = AT_NEW.afterEmergencyRollback(pair(CONFIG, O), pair(CONFIG, N.sha()));

    static Stream<Arguments> remembered() {
        return Stream.of(
                arguments("staging applied N", AT_NEW, ""),
                arguments("staging applied N with another config commit", TargetState.EMPTY.withGood(pair("e".repeat(40), N.sha())), ""),
                arguments("staging still at O", AT_OLD, "waiting for staging"),
                arguments("staging never applied anything", TargetState.EMPTY, "waiting for staging"),
                arguments("staging's rollout of N failed", FAILED_AT_NEW,
                        "waiting for staging (its rollout of releases=main@1a2b3c4 failed)"),
                arguments("staging paused by an emergency rollback", PAUSED,
                        "waiting for staging (paused by an emergency rollback)"),
                arguments("staging paused at N itself", AT_NEW.withPause(pair(CONFIG, N.sha())),
                        "waiting for staging (paused by an emergency rollback)"),
                arguments("staging's state unreadable", null, "waiting for staging (its state could not be read)"));
    }

    @ParameterizedTest(name = "{0}: \"{2}\"")
    @MethodSource("remembered")
    void onWhatStagingRemembers(String name, TargetState staging, String expected) {
        Decision decision = PromotionGate.decide(N, AT_OLD, List.of(Followed.remembered("staging", staging)));
        assertEquals(expected, decision.message());
        assertEquals(expected.isEmpty(), decision.proceeds());
    }

    /** Within one reconcile, staging ran first: what it did decides, not the state read before it ran. */
    @ParameterizedTest(name = "staging {0}: \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "APPLIED     |",
            "IN_SYNC     |",
            "DRIFTED     |",
            "FAILED      | waiting for staging (it failed at releases=main@1a2b3c4)",
            "ROLLED_BACK | waiting for staging (its rollout of releases=main@1a2b3c4 failed and was rolled back)",
            "HELD        | waiting for staging (its rollout of releases=main@1a2b3c4 failed)",
            "PAUSED      | waiting for staging (paused by an emergency rollback)",
            "WAITING     | waiting for staging (it is waiting too)",
            "WOULD_CHANGE | waiting for staging", // kustos preview: staging would change, so it is not there until its rollout succeeds
    })
    void onWhatStagingDidInThisRun(ThisRun staging, String expected) {
        Decision decision = PromotionGate.decide(N, AT_OLD, List.of(new Followed("staging", AT_OLD, staging)));
        assertEquals(expected == null ? "" : expected, decision.message());
        assertEquals(expected == null, decision.proceeds());
        assertEquals(staging.standsAtCurrent(), decision.proceeds());
    }

    @Test
    void waitsForEveryEnvironmentNotYetThereInTheOrderOfAfter() {
        Decision both = PromotionGate.decide(N, AT_OLD, List.of(Followed.remembered("staging", AT_OLD),
                Followed.remembered("canary", TargetState.EMPTY)));
        assertEquals("waiting for staging, canary", both.message());
        assertEquals(List.of("staging", "canary"), both.waitingFor());

        Decision one = PromotionGate.decide(N, AT_OLD, List.of(new Followed("staging", AT_OLD, ThisRun.APPLIED),
                Followed.remembered("canary", FAILED_AT_NEW)));
        assertEquals("waiting for canary (its rollout of releases=main@1a2b3c4 failed)", one.message());
        assertEquals(List.of(Reason.ROLLOUT_FAILED), one.waits().stream().map(PromotionGate.Wait::reason).toList());

        Decision none = PromotionGate.decide(N, AT_OLD, List.of(Followed.remembered("staging", AT_NEW),
                new Followed("canary", AT_OLD, ThisRun.IN_SYNC)));
        assertTrue(none.proceeds());
        assertEquals(List.of(), none.waitingFor());
    }

    @Test
    void withoutAfterThereIsNoOrdering() {
        assertEquals(Decision.PROCEED, PromotionGate.decide(N, TargetState.EMPTY, List.of()));
        assertEquals(Decision.PROCEED, PromotionGate.decide(N, null, List.of()));
    }

    /** A config change or drift healing at the release revision production already stands at is no promotion. */
    @Test
    void aTargetAlreadyAtTheReleaseRevisionDoesNotWait() {
        var production = TargetState.EMPTY.withGood(pair("f".repeat(40), N.sha()));
        assertTrue(PromotionGate.decide(N, production, List.of(Followed.remembered("staging", PAUSED))).proceeds());
        assertTrue(PromotionGate.decide(N, production, List.of(new Followed("staging", AT_OLD, ThisRun.FAILED))).proceeds());
    }

    @Test
    void aFreshTargetWaitsLikeAnyOther() {
        assertEquals("waiting for staging", PromotionGate.decide(N, TargetState.EMPTY,
                List.of(Followed.remembered("staging", TargetState.EMPTY))).message());
        assertEquals("waiting for staging", PromotionGate.decide(N, null,
                List.of(Followed.remembered("staging", AT_OLD))).message());
    }

    private static RevisionPair pair(String config, String releases) {
        return new RevisionPair(new Revision("main", config), new Revision("main", releases));
    }
}
