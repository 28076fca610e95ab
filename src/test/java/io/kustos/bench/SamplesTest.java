package io.kustos.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SamplesTest {
    @Test
    void nearestRankPercentilesMedianMinAndMax() {
        var s = new Samples("ms");
        for (int v : new int[]{50, 10, 40, 20, 30, 100, 90, 80, 70, 60}) {
            s.add(v);
        }
        assertEquals(50, s.median());
        assertEquals(10, s.min());
        assertEquals(100, s.max());
        assertEquals(100, s.percentile(95));
        assertEquals(90, s.percentile(90));
        assertEquals(10, s.count());
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalStateException.class, () -> new Samples("s").median());
    }
}
