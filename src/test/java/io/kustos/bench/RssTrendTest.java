package io.kustos.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RssTrendTest {
    @Test
    void aLevelSeriesIsFlatWithNoSlope() {
        var t = new RssTrend();
        for (int c = 0; c <= 1000; c += 25) {
            t.add(c, 200 + (c / 25 % 2));
        }
        assertTrue(t.flat());
        assertEquals(0, t.slopePer100(), 0.1);
        assertEquals(200.5, t.firstQuarter(), 0.6);
    }

    @Test
    void aSeriesGrowingMoreThanTenPercentIsNotFlatAndItsSlopeIsPerHundredCommits() {
        var t = new RssTrend();
        for (int c = 0; c <= 1000; c += 25) {
            t.add(c, 200 + c * 0.05);
        }
        assertFalse(t.flat(), "first quarter ~206, last quarter ~244");
        assertEquals(5, t.slopePer100(), 1e-9);
    }

    @Test
    void fewerThanFourSamplesAreNotAMeasurement() {
        var t = new RssTrend();
        t.add(0, 200);
        t.add(10, 200);
        assertFalse(t.measured());
        assertFalse(t.flat());
    }
}
