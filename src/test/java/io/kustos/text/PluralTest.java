package io.kustos.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PluralTest {
    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertEquals("1 dry run", Plural.of(1, "dry run"));
        assertEquals("0 writes", Plural.of(0, "write"));
        assertEquals("2 objects", Plural.of(2, "object"));
    }
}
