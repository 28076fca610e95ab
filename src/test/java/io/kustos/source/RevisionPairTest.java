package io.kustos.source;

import io.kustos.failure.StallingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A revision pair's one text form, the {@code kustos.io/revision} annotation: written, read back, refused. */
class RevisionPairTest {
    private static final String A = "a".repeat(40);
    private static final String B = "0123456789abcdef0123456789abcdef01234567";
    private static final String TEXT = "config=main@sha1:" + A + ";releases=release/v2@sha1:" + B;

    @Test
    void theAnnotationIsWrittenAndReadBack() {
        var pair = new RevisionPair(new Revision("main", A), new Revision("release/v2", B));
        assertEquals(TEXT, pair.annotation());
        assertEquals(TEXT, pair.toString());
        assertEquals(pair, RevisionPair.parse(TEXT));
        assertEquals(pair.hashCode(), RevisionPair.parse(TEXT).hashCode(), "equal by value");
        assertNotEquals(pair, RevisionPair.parse("config=main@sha1:" + B + ";releases=release/v2@sha1:" + A));
    }

    @Test
    void logsShowTheShortForm() {
        assertEquals("config=aaaaaaa,releases=0123456", RevisionPair.parse(TEXT).shortForm());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;releases=",
            "releases=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "config=main@sha1:aaaaaaa;releases=main@sha1:bbbbbbb",
            "config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,releases=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "config=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;releases=main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;x=y",
    })
    void badTextIsRefusedNamingIt(String text) {
        var e = assertThrows(StallingException.class, () -> RevisionPair.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("config=<branch>@sha1:<40 hex>;releases=<branch>@sha1:<40 hex>"), "says what is wanted: " + e.getMessage());
    }

    @Test
    void noTextIsRefused() {
        var e = assertThrows(StallingException.class, () -> RevisionPair.parse(null));
        assertTrue(e.getMessage().contains("\"null\""), e.getMessage());
    }
}
