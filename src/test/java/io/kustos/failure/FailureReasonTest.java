package io.kustos.failure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** A failure's reason is an enum apart from its kind; each reason belongs to one kind, and the word shown follows the reason. */
class FailureReasonTest {

    @Test
    void aReasonOfAnotherKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StallingException("x", FailureReason.SOURCE_UNREACHABLE));
        assertThrows(IllegalArgumentException.class, () -> new TransientException("x", FailureReason.ROLLOUT_FAILED, null));
        assertThrows(IllegalArgumentException.class, () -> new WaitingException("x", FailureReason.INVALID_INPUT, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new StallingException("x", null));
    }

    @Test
    void theWordShownIsTheReasonsWord() {
        assertEquals("invalid", new StallingException("x", FailureReason.DECRYPTION).kind());
        assertEquals("conflict", new StallingException("x", FailureReason.REFUSED_CONFLICT).kind());
        assertEquals("not-found", new StallingException("x", FailureReason.REFUSED_NOT_FOUND).kind());
        assertEquals("rollout", new StallingException("x", FailureReason.HOOK_FAILED).kind());
        assertEquals("waiting", new WaitingException("x", FailureReason.THROTTLED, Duration.ZERO).kind());
        assertEquals("error", new TransientException("x", FailureReason.CLUSTER_UNREACHABLE, null).kind());
    }

    @Test
    void refusalsAndRolloutsAreStallingAndApart() {
        for (FailureReason r : FailureReason.values()) {
            if (r.refusedByServer() || r.rollout()) {
                assertEquals(FailureKind.STALLING, r.kind(), r.name());
            }
            assertFalse(r.refusedByServer() && r.rollout(), r.name());
        }
        assertEquals(4, Arrays.stream(FailureReason.values()).filter(FailureReason::refusedByServer).count());
        assertEquals(2, Arrays.stream(FailureReason.values()).filter(FailureReason::rollout).count());
    }
}
