package io.kustos.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RolloutPollIntervalTest {
    private final RolloutPollInterval interval = new RolloutPollInterval(Duration.ofMillis(500));

    @Test
    void thePollAtFirstThenAnEighthOfTheTimeWaitedThenFiveSeconds() {
        assertEquals(Duration.ofMillis(500), interval.after(Duration.ZERO));
        assertEquals(Duration.ofMillis(500), interval.after(Duration.ofSeconds(4)));
        assertEquals(Duration.ofSeconds(2), interval.after(Duration.ofSeconds(16)));
        assertEquals(Duration.ofSeconds(5), interval.after(Duration.ofSeconds(40)));
        assertEquals(Duration.ofSeconds(5), interval.after(Duration.ofMinutes(10)));
    }

    @Test
    void aPollLongerThanTheCapIsKept() {
        assertEquals(Duration.ofSeconds(10), new RolloutPollInterval(Duration.ofSeconds(10)).after(Duration.ofMinutes(5)));
    }
}
