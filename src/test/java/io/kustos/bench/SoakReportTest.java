package io.kustos.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's report reads in words and names the check that failed. */
class SoakReportTest {
    private static String print(SoakReport report) {
        var out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SoakStep step(SoakStep.Kind kind) {
        return new SoakStep(1, kind, "", "c", "r", null, null);
    }

    @Test
    void countsTheCommitsInWordsNotAsAJavaMap() {
        var report = new SoakReport("embedded", new Soak.Settings(3, 7, 1, false));
        report.step(step(SoakStep.Kind.CONFIG_CHANGE), 1);
        report.step(step(SoakStep.Kind.CONFIG_CHANGE), 1);
        report.step(step(SoakStep.Kind.FIX), 1);
        String text = print(report);
        assertTrue(text.contains("3 commits in 0 s (2 config changes, 1 fix)"), text);
        assertFalse(text.contains("="), text);
    }

    @Test
    void saysWhichCheckFailedWhenTooFewRssSamplesWereTaken() {
        var report = new SoakReport("embedded", new Soak.Settings(1, 7, 1, true));
        report.step(step(SoakStep.Kind.IMAGE_BUMP), 1);
        report.audited();
        report.diff(0, "");
        report.rss().add(0, 200);
        report.rss().add(1, 201);
        assertEquals(List.of("RSS not measured (too few samples)"), report.failedChecks());
        String text = print(report);
        assertTrue(text.contains("daemon RSS after a full GC: NOT measured: 2 samples, at least 4 needed (use --commits 10 or more)"), text);
        assertTrue(text.contains("failed: RSS not measured (too few samples)"), text);
    }

    @Test
    void aSoakWhoseChecksHeldSaysSo() {
        var report = new SoakReport("embedded", new Soak.Settings(4, 7, 1, true));
        report.step(step(SoakStep.Kind.REVERT), 1);
        report.audited();
        report.diff(0, "");
        for (int i = 0; i < 4; i++) {
            report.rss().add(i, 200);
        }
        assertEquals(List.of(), report.failedChecks());
        assertTrue(print(report).contains("every check held"));
    }
}
