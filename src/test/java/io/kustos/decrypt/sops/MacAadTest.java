package io.kustos.decrypt.sops;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The MAC's additional data is lastmodified as sops formats it (Go's RFC 3339): the shortcut for a time
 * already in that form gives what parsing and formatting it gives, and a time java.time refuses is still refused.
 */
class MacAadTest {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** Times of the canonical shape with every field drawn past its range too (month 13, February 30, 24:60:60). */
    @Provide
    Arbitrary<String> utcShapedTimes() {
        var d2 = Arbitraries.integers().between(0, 99);
        return Combinators.combine(Arbitraries.integers().between(0, 9999), d2, d2, d2, d2, d2)
                .as((y, mo, d, h, mi, s) -> String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s));
    }

    @Property(tries = 3000)
    void theShortcutGivesWhatJavaTimeGives(@ForAll("utcShapedTimes") String lastModified) {
        assertEquals(viaJavaTime(lastModified), viaMetadata(lastModified), lastModified);
    }

    @Example
    void otherFormsAndBoundariesGiveWhatJavaTimeGives() {
        for (String t : List.of("2026-12-06T09:30:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z", "0000-02-29T00:00:00Z", "2026-12-06T09:30:60Z", "2026-12-06T24:00:00Z",
                "2026-12-06T09:30:00+01:00", "2026-12-06T09:30:00.5Z", "2026-12-06T09:30:00z", "2026-12-06t09:30:00Z",
                "2026-12-06T09:30:00+00:00", "２026-12-06T09:30:00Z", "2026-1a-06T09:30:00Z", "")) {
            assertEquals(viaJavaTime(t), viaMetadata(t), t);
        }
        assertFalse(Metadata.isCanonicalUtc("2026-12-06T09:30:00+00:00"));
    }

    private static String viaMetadata(String lastModified) {
        try {
            return new Metadata(lastModified, "", "3.9.0", null, List.of(), 0).macAad();
        } catch (RuntimeException e) {
            return "refused: " + e.getClass().getName();
        }
    }

    private static String viaJavaTime(String lastModified) {
        try {
            return OffsetDateTime.parse(lastModified).format(RFC3339);
        } catch (RuntimeException e) {
            return "refused: " + e.getClass().getName();
        }
    }
}
