package io.kustos.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@code kustos demo} leaves Kustos's loggers at ERROR; a test that runs after it in the same fork
 * and captures a warning must still see it (CI once failed on this, in WriteLockTakingTest).
 */
class LogCaptureKeepsWarningsAfterAQuietCommandTest {

    @Test
    void aWarningIsCapturedAfterACommandLeftTheLevelAtError() {
        var kustos = (Logger) LoggerFactory.getLogger("io.kustos");
        Level before = kustos.getLevel();
        kustos.setLevel(Level.ERROR);
        try {
            try (var log = LogCapture.start()) {
                LoggerFactory.getLogger("io.kustos.cluster.SomeStep").warn("staging: could not release the write lock");
                assertEquals(1, log.events().size(), "the warning is kept");
            }
            assertSame(Level.ERROR, kustos.getLevel(), "the level before is restored");
        } finally {
            kustos.setLevel(before);
        }
    }
}
