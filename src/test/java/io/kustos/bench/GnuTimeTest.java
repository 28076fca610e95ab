package io.kustos.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GNU time's "%M %U %S" line: peak RSS from KiB, CPU time as user + system. */
class GnuTimeTest {
    @Test
    void readsPeakMemoryAndCpuTimeFromTheLastLine() {
        var t = GnuTime.parse("Command exited with non-zero status 1\n204800 1.25 0.31\n");

        assertEquals(200.0, t.peakRssMiB());
        assertEquals(1.56, t.cpuSeconds(), 1e-9);
    }

    @Test
    void anOldMemoryOnlyLineGivesNoCpuTime() {
        var t = GnuTime.parse("1024");

        assertEquals(1.0, t.peakRssMiB());
        assertNull(t.cpuSeconds());
    }
}
