package io.kustos.render;

import org.junit.jupiter.api.Test;

import static io.kustos.render.RenderFixtures.STAGING;
import static io.kustos.render.RenderFixtures.config;
import static io.kustos.render.RenderFixtures.releases;
import static io.kustos.render.RenderFixtures.RELEASE;
import static io.kustos.render.RenderFixtures.with;
import static org.junit.jupiter.api.Assertions.*;

/** An image with a newline is refused at render, and the message shows it escaped, on one line. */
class ImageReferenceRefusesControlCharactersTest {
    @Test
    void aNewlineInAnImageIsRefusedAndShownEscaped() {
        var e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("registry.example.com/app:1.0\nINFO forged"));
        assertEquals("\"registry.example.com/app:1.0\\nINFO forged\" has a control character (a newline, tab, …); an image reference is one line"
                + " of registry/repository:tag", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("registry.example.com/app:1.0\t"));
    }

    @Test
    void renderRefusesTheReleaseNamingTheContainer() {
        String release = RELEASE.replace("tungsten: registry.example.com/karix/tungsten:2.3.1",
                "tungsten: \"registry.example.com/karix/tungsten:2.3.1\\nINFO forged\"");
        var e = assertThrows(RenderException.class, () -> new Renderer(io.kustos.decrypt.Decryptor.NONE)
                .render(config(with("x", "")), releases(release), STAGING));
        assertTrue(e.getMessage().contains("workloads[0].containers.tungsten: \"registry.example.com/karix/tungsten:2.3.1\\nINFO forged\" has a control character"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\nINFO forged"), e.getMessage());
    }
}
