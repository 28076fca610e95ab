package io.kustos.cli;

import io.kustos.failure.FailureKind;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.failure.TransientException;
import io.kustos.failure.WaitingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.*;

/** The exit code follows a failure's kind and reason: 3 fix the input, 4 refused by the API server, 5 try again, 6 a hook or rollout. */
class ExitCodeByReasonTest {
    private static final EnumSet<FailureReason> REFUSED = EnumSet.of(FailureReason.REFUSED_INVALID, FailureReason.REFUSED_CONFLICT,
            FailureReason.REFUSED_FORBIDDEN, FailureReason.REFUSED_NOT_FOUND);
    private static final EnumSet<FailureReason> ROLLOUT = EnumSet.of(FailureReason.HOOK_FAILED, FailureReason.ROLLOUT_FAILED);

    @ParameterizedTest
    @EnumSource(FailureReason.class)
    void everyReasonHasTheExitCodeOfItsKind(FailureReason reason) {
        int expected = reason.kind() != FailureKind.STALLING ? 5 : REFUSED.contains(reason) ? 4 : ROLLOUT.contains(reason) ? 6 : 3;
        assertEquals(expected, ExitCodes.of(failure(reason)));
    }

    private static KustosException failure(FailureReason reason) {
        return switch (reason.kind()) {
            case STALLING -> new StallingException("x", reason);
            case WAITING -> new WaitingException("x", reason, Duration.ofSeconds(5));
            case TRANSIENT -> new TransientException("x", reason, null);
        };
    }
}
