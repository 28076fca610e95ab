package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** config-repo-example/README.md points a reader to sections that are where it says (trial16 V6). */
class ExampleReadmePointsToSectionsThatExistTest {
    private static final Path EXAMPLE = Path.of("config-repo-example").toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+\\.md)#([^)]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    @Test
    void everyLinkToASectionNamesAHeadingOfThatFile() throws Exception {
        String readme = Files.readString(EXAMPLE.resolve("README.md"));
        var links = LINK.matcher(readme);
        int found = 0;
        while (links.find()) {
            Path target = EXAMPLE.resolve(links.group(1)).normalize();
            assertTrue(Files.isRegularFile(target), links.group());
            String anchors = HEADING.matcher(Files.readString(target)).results().map(h -> slug(h.group(1)))
                    .reduce("", (a, b) -> a + "\n" + b) + "\n";
            assertTrue(anchors.contains("\n" + links.group(2) + "\n"), links.group() + " names no heading of " + target);
            found++;
        }
        assertTrue(found >= 2, "the layout and formats are pointed to: " + readme);
        assertTrue(!readme.contains("architecture document"), "the sections are in README.md, not docs/architecture.md");
    }

    /** GitHub's anchor of a heading: lower case, punctuation other than '-' dropped, spaces as '-'. */
    private static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
