package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code previews.tokenFile} that does not exist stops {@code kustos run} at start (exit 3 for an invalid
 * config) naming the field, the path and what to do; one that goes away later fails each call with the
 * same words, without a Java exception's class.
 */
class AMissingTokenFileIsNamedTest {
    @Test
    void atStartTheQueueRefusesToStart(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-token");
        var settings = new PullRequestPreviews(PullRequestPreviews.Forge.GITHUB, null, missing, "platform/config", null, false, 0, Duration.ofMillis(1));
        var e = assertThrows(StallingException.class, () -> new PreviewQueue(settings, new io.kustos.config.Sources(
                new io.kustos.config.SourceSpec("file:///config", "main", null), new io.kustos.config.SourceSpec("file:///releases", "main", null)), (side, pr) -> null));
        assertEquals(FailureReason.INVALID_CONFIG, e.reason());
        assertEquals("previews.tokenFile: " + missing + " does not exist; point previews.tokenFile at a readable file holding the forge's token",
                e.getMessage());
    }

    @Test
    void laterEachCallSaysWhichFieldAndWhatToDo(@TempDir Path tmp) throws Exception {
        Path token = tmp.resolve("token");
        Files.writeString(token, "t0ken\n");
        assertEquals("t0ken", JsonHttp.token("github", token));
        Files.delete(token);
        var e = assertThrows(JsonHttp.CallFailed.class, () -> JsonHttp.token("github", token));
        assertTrue(e.getMessage().startsWith("github: previews.tokenFile: " + token + " does not exist; point previews.tokenFile at"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
