package io.kustos.reconcile.preview;

import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A preview names each revision by the ref given ({@code refs/pull/16/head}), or by its sha alone: never the word "commit" as if it were a branch. */
class APreviewNamesTheRefGivenTest {
    private static final String SHA = "c036d31aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final PreviewReport REPORT = new PreviewReport(new Revision(SHA, SHA), new Revision("refs/pull/16/head", "b".repeat(40)),
            List.of(EnvironmentPreview.unchanged("staging")));

    @Test
    void theTextHeader() {
        assertTrue(new PreviewText().render(REPORT).startsWith("preview config=" + SHA + " releases=refs/pull/16/head@sha1:" + "b".repeat(40) + "\n"));
    }

    @Test
    void theComment() {
        String md = new PreviewMarkdown().render(REPORT);
        assertTrue(md.contains("\nconfig `c036d31` · releases `refs/pull/16/head` @ `bbbbbbb`\n"), md);
        assertFalse(md.contains("commit"), md);
    }
}
