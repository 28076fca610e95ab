package io.kustos.work;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** KUSTOS_FAULT_POINT names a point and the pass to stop at; nothing arms a point unless it is set. */
class FaultArmingTest {
    @Test
    void unsetArmsNothing() {
        assertNull(FaultArming.parse(null, null));
        assertNull(FaultArming.parse(" ", "halt"));
        assertTrue(FaultArming.armed().isEmpty(), "the test JVM has no fault point armed");
        for (FaultPoint p : FaultPoint.values()) {
            p.reach(); // unarmed: returns at once
        }
    }

    @ParameterizedTest
    @CsvSource({"dry-run, , DRY_RUN, 1, BLOCK", "write.mid:3, halt, WRITE_MID, 3, HALT", "hook.created:1, BLOCK, HOOK_CREATED, 1, BLOCK",
            "hook.succeeded, , HOOK_SUCCEEDED, 1, BLOCK", "rollout.wait, , ROLLOUT_WAIT, 1, BLOCK",
            "history.before, , HISTORY_BEFORE, 1, BLOCK", "history.after:2, , HISTORY_AFTER, 2, BLOCK"})
    void aSettingNamesThePointThePassAndTheAction(String value, String action, FaultPoint point, int nth, FaultArming.Action how) {
        var armed = FaultArming.parse(value, action);
        assertEquals(point, armed.point());
        assertEquals(nth, armed.nth());
        assertEquals(how, armed.action());
        assertTrue(armed.announcement().startsWith(FaultArming.ANNOUNCED + point.label() + ":" + nth + " reached (pid "), armed.announcement());
    }

    /** Armed once, from outside, at class load: nothing a run reads (kustos.yaml, git) can set it later. */
    @Test
    void theArmingIsAConstant() throws Exception {
        var armed = FaultArming.class.getDeclaredField("ARMED");
        assertTrue(java.lang.reflect.Modifier.isStatic(armed.getModifiers()) && java.lang.reflect.Modifier.isFinal(armed.getModifiers()));
        assertTrue(Arrays.stream(FaultArming.class.getConstructors()).toList().isEmpty(), "no public constructor");
    }

    @Test
    void everyPointHasItsOwnLabel() {
        assertEquals(FaultPoint.values().length, Arrays.stream(FaultPoint.values()).map(FaultPoint::label).distinct().count());
        for (FaultPoint p : FaultPoint.values()) {
            assertEquals(p, FaultPoint.of(p.label()));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write.middle | | KUSTOS_FAULT_POINT=write.middle: no fault point is named 'write.middle' (there are: dry-run, write.mid, hook.created",
            "write.mid:0 | | KUSTOS_FAULT_POINT=write.mid:0: after ':' comes the pass to stop at, a number from 1",
            "write.mid:x | | KUSTOS_FAULT_POINT=write.mid:x: after ':' comes the pass to stop at, a number from 1",
            "dry-run | pause | KUSTOS_FAULT_ACTION=pause: say block or halt"})
    void aWrongSettingSaysWhatItMaySay(String value, String action, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> FaultArming.parse(value, action));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
