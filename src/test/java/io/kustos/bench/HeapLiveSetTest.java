package io.kustos.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The heap live set is the Total bytes of jcmd's class histogram. */
class HeapLiveSetTest {
    @Test
    void theTotalLinesBytesAreTheLiveSet() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        120000        9600000  [B (java.base@17.0.15)
                   2:         40000        1280000  java.lang.String (java.base@17.0.15)
                Total        160000       10880000
                """;

        assertEquals(10_880_000L, HeapLiveSet.bytes(histogram));
    }

    @Test
    void anOutputWithoutATotalIsAnErrorShowingIt() {
        var e = assertThrows(IllegalStateException.class, () -> HeapLiveSet.bytes("12345:\nCommand not found"));

        assertEquals(true, e.getMessage().contains("Command not found"), e.getMessage());
    }
}
