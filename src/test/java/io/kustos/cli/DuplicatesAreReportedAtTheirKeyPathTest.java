package io.kustos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A duplicate key and an object defined twice are reported as every other problem is: at their line
 * and key path ({@code data.X}, {@code metadata.name}), the line said once, and the other file of a
 * duplicate object named as the report names files, with its line; the same in text, json and github.
 */
class DuplicatesAreReportedAtTheirKeyPathTest {
    @TempDir
    Path dir;

    @Test
    void aDuplicateKeyIsAtItsKeyPathAndSaysWhatToDo() throws Exception {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve("environments/staging/api/dupkey.yaml");
        ValidateRepos.write(file, ValidateRepos.CONFIG_MAP.replace("name: api-config", "name: dup")
                .replace("  PORT: \"8080\"\n", "  X: \"1\"\n  X: \"2\"\n"));
        String message = "duplicate key X: a key appears once in a mapping (YAML readers disagree on which value wins);"
                + " keep the one you mean and remove the other";

        var text = repos.validate(repos.config.toString());
        assertEquals(3, text.code(), text.all());
        assertEquals(file + ":8: data.X: " + message + "\n", text.out().lines().findFirst().orElseThrow() + "\n");
        assertFalse(text.out().contains("line 8"), "the line is said once: " + text.out());

        JsonNode problem = new ObjectMapper().readTree(repos.validate("-o", "json", repos.config.toString()).out()).at("/problems/0");
        assertEquals(8, problem.get("line").asInt());
        assertEquals("data.X", problem.get("keyPath").asText());
        assertEquals(message, problem.get("message").asText());

        assertEquals("::error file=" + file + ",line=8::data.X: " + message + "\n",
                repos.validate("-o", "github", repos.config.toString()).out());
    }

    @Test
    void aDuplicateKeyInALaterDocumentNamesItsDocument() {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve("environments/staging/api/config.yaml");
        ValidateRepos.write(file, ValidateRepos.CONFIG_MAP + "---\n" + ValidateRepos.CONFIG_MAP.replace("api-config", "web-config")
                .replace("  LOG_LEVEL: info\n", "  LOG_LEVEL: info\n  LOG_LEVEL: debug\n"));
        var run = repos.validate(repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertEquals(file + ":15: [1].data.LOG_LEVEL: duplicate key LOG_LEVEL", run.out().lines().findFirst().orElseThrow()
                .replaceFirst(":(?= a key appears).*", ""));
    }

    @Test
    void anObjectDefinedTwiceIsOnBothFilesEachNamingTheOtherWithItsLine() throws Exception {
        var repos = new ValidateRepos(dir);
        // as in a pull request adding api/dup.yaml, which sorts first: the forge must show it on that file too
        Path added = repos.config.resolve("environments/staging/api/dup.yaml");
        Path old = repos.config.resolve("environments/staging/tungsten/config.yaml");
        ValidateRepos.write(added, "# the same object\n" + ValidateRepos.CONFIG_MAP.replace("api-config", "tungsten-config"));
        ValidateRepos.write(old, ValidateRepos.CONFIG_MAP.replace("api-config", "tungsten-config"));
        String onAdded = "ConfigMap staging/tungsten-config is also defined in " + old + ":4";
        String onOld = "ConfigMap staging/tungsten-config is also defined in " + added + ":5";

        var text = repos.validate(repos.config.toString());
        assertEquals(3, text.code(), text.all());
        assertEquals(added + ":5: metadata.name: " + onAdded + "\n" + old + ":4: metadata.name: " + onOld + "\n"
                + "2 problems in " + repos.config + " (config repo)\n", text.out());

        JsonNode problems = new ObjectMapper().readTree(repos.validate("-o", "json", repos.config.toString()).out()).at("/problems");
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(added.toString(), problems.get(0).get("file").asText());
        assertEquals(5, problems.get(0).get("line").asInt());
        assertEquals("metadata.name", problems.get(0).get("keyPath").asText());
        assertEquals(onAdded, problems.get(0).get("message").asText());
        assertEquals(old.toString(), problems.get(1).get("file").asText());
        assertEquals(4, problems.get(1).get("line").asInt());
        assertEquals(onOld, problems.get(1).get("message").asText());

        assertEquals("::error file=" + added + ",line=5::metadata.name: " + onAdded + "\n"
                + "::error file=" + old + ",line=4::metadata.name: " + onOld + "\n",
                repos.validate("-o", "github", repos.config.toString()).out());
    }
}
