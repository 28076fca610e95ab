package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.kustos.config.ConfigYaml.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 point 5: the write lock's durations, {@code sync.writeLock}, default to a 30s lease
 * renewed every 10s; a bad one is refused at start naming the field.
 */
class WriteLockConfigTest {
    @Test
    void unsetTheLockLasts30sAndIsRenewedEvery10s() {
        var lock = ConfigYaml.parse(MINIMAL).sync().writeLock();
        assertEquals(Duration.ofSeconds(30), lock.leaseDuration());
        assertEquals(Duration.ofSeconds(10), lock.renewEvery());
        assertEquals(WriteLock.DEFAULT, ConfigYaml.parse(MINIMAL + "sync: { interval: 1m }\n").sync().writeLock());
    }

    @Test
    void setItIsTakenAsWritten() {
        var lock = ConfigYaml.parse(MINIMAL + "sync: { writeLock: { leaseDuration: 1m, renewEvery: 20s } }\n").sync().writeLock();
        assertEquals(new WriteLock(Duration.ofMinutes(1), Duration.ofSeconds(20)), lock);
        assertEquals(60, lock.leaseSeconds());
    }

    @Test
    void aRenewalSlowerThanHalfTheDurationIsRefusedNamingTheField() {
        String problems = ConfigYaml.problems(MINIMAL + "sync: { writeLock: { leaseDuration: 15s, renewEvery: 10s } }\n");
        assertTrue(problems.contains("sync.writeLock.renewEvery: must be at most half of leaseDuration (15s)"), problems);
    }

    @Test
    void badDurationsAndUnknownFieldsAreNamed() {
        String problems = ConfigYaml.problems(MINIMAL + "sync: { writeLock: { leaseDuration: 0s, renewEvery: soon, wait: 1m } }\n");
        assertTrue(problems.contains("sync.writeLock.leaseDuration: \"0s\" is not positive"), problems);
        assertTrue(problems.contains("sync.writeLock.renewEvery: \"soon\" is not a duration"), problems);
        assertTrue(problems.contains("sync.writeLock.wait"), problems);
    }

    @Test
    void aLeaseDurationInFractionsOfASecondIsRefusedNamingIt() {
        String problems = ConfigYaml.problems(MINIMAL + "sync: { writeLock: { leaseDuration: 1500ms, renewEvery: 500ms } }\n");
        assertTrue(problems.contains("sync.writeLock.leaseDuration: \"1500ms\" is not whole seconds"), problems);
    }

    @Test
    void aLeaseDurationTooShortForTheDefaultRenewalSaysTheRenewalIsTheDefault() {
        String problems = ConfigYaml.problems(MINIMAL + "sync: { writeLock: { leaseDuration: 5s } }\n");
        assertTrue(problems.contains("sync.writeLock.leaseDuration: must be at least twice renewEvery, which is not set and defaults to 10s"), problems);
        assertFalse(problems.contains("sync.writeLock.renewEvery"), problems);
    }
}
