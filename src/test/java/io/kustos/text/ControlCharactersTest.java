package io.kustos.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ControlCharactersTest {
    @Test
    void controlCharactersAreEscapedAndOtherTextKept() {
        assertEquals("a\\nb\\rc\\td\\u001be\\u0085f\\u2028g ü €", ControlCharacters.escape("a\nb\rc\td\u001be\u0085f\u2028g ü €"));
        assertEquals("plain text", ControlCharacters.escape("plain text"));
        assertNull(ControlCharacters.escape(null));
        assertTrue(ControlCharacters.contains("x\u007f"));
        assertFalse(ControlCharacters.contains("x:1.0"));
    }
}
