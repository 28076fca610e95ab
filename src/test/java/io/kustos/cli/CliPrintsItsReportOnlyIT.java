package io.kustos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * `kustos apply` and `kustos diff` print their report and nothing else: no log lines that repeat
 * it, each error once; `-v` shows the log. The commands that report share `-o text|json|yaml`,
 * `-e` and `-c`.
 */
class CliPrintsItsReportOnlyIT {
    /** The start of a log line (logback's pattern: time, level). */
    private static final Pattern LOG_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) ");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void applyAndDiffPrintNoLogLinesAndEachErrorOnce(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            KustosRun diff = h.kustos("diff");
            assertEquals(1, diff.exit(), diff.toString());
            assertFalse(LOG_LINE.matcher(diff.all()).find(), "log lines in:\n" + diff);

            KustosRun apply = h.kustos("apply");
            assertEquals(0, apply.exit(), apply.toString());
            assertTrue(apply.out().contains("staging: applied 2 objects\n"), apply.toString());
            assertFalse(LOG_LINE.matcher(apply.all()).find(), "log lines in:\n" + apply);
            assertEquals("", apply.err(), apply.toString());
            assertFalse(apply.out().matches("(?s).*\\b1 (reads|dry runs|writes|records)\\b.*"), "a count of 1 in the plural:\n" + apply);

            h.config().commit("a bad value", Map.of("environments/staging/app/config.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  PORT: 8080\n"));
            KustosRun bad = h.kustos("apply");
            assertEquals(3, bad.exit(), bad.toString());
            assertFalse(LOG_LINE.matcher(bad.all()).find(), "log lines in:\n" + bad);
            assertEquals(1, count(bad.all(), "PORT"), "the error once:\n" + bad);
            assertTrue(bad.err().startsWith("error: ") && !bad.out().contains("error:"), "the error on stderr, as diff prints it:\n" + bad);
            KustosRun badDiff = h.kustos("diff");
            assertEquals(3, badDiff.exit(), badDiff.toString());
            assertEquals(1, count(badDiff.all(), "PORT"), "the error once:\n" + badDiff);

            KustosRun verbose = h.kustos("apply", "-vv");
            assertEquals(3, verbose.exit(), verbose.toString());
            assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG .*revision not applied").matcher(verbose.err()).find(),
                    "-vv shows the log down to DEBUG:\n" + verbose);
            assertFalse(LOG_LINE.matcher(h.kustos("apply").all()).find(), "-v lasts one command only");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void everyCommandThatReportsWritesJsonAndYaml(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            KustosRun diff = h.kustos("diff", "-o", "yaml");
            assertEquals(1, diff.exit(), diff.toString());
            JsonNode d = new YAMLMapper().readTree(diff.out());
            assertEquals("differs", d.at("/environments/0/outcome").asText(), diff.out());
            assertEquals("configmap/" + h.namespace() + "/app-config", d.at("/environments/0/changes/0/object").asText(), diff.out());
            assertEquals("create", d.at("/environments/0/changes/0/action").asText(), diff.out());

            KustosRun apply = h.kustos("apply", "--output", "json");
            assertEquals(0, apply.exit(), apply.toString());
            JsonNode a = new ObjectMapper().readTree(apply.out());
            assertEquals("staging", a.at("/environments/0/environment").asText(), apply.out());
            assertEquals("applied", a.at("/environments/0/outcome").asText(), apply.out());
            assertEquals(2, a.at("/environments/0/written").asInt(), apply.out());
            assertTrue(a.at("/requests/writes").asInt() >= 1, apply.out());
            assertTrue(a.at("/revision/config").asText().startsWith("main@sha1:"), apply.out());

            h.config().commit("A=2", Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "2")));
            KustosRun changed = h.kustos("diff", "-o", "json");
            JsonNode c = new ObjectMapper().readTree(changed.out());
            assertEquals("A", c.at("/environments/0/changes/0/keys/0/key").asText(), changed.out());
            assertEquals("changed", c.at("/environments/0/changes/0/keys/0/change").asText(), changed.out());
            assertFalse(changed.out().contains("\"2\""), "no value in the structured diff:\n" + changed.out());

            for (String format : new String[] {"json", "yaml"}) {
                KustosRun history = h.kustos("history", "-e", "staging", "-o", format);
                assertEquals(0, history.exit(), history.toString());
                JsonNode records = (format.equals("json") ? new ObjectMapper() : new YAMLMapper()).readTree(history.out());
                assertEquals("applied", records.at("/0/outcome").asText(), history.out());
            }
            KustosRun table = h.kustos("history", "-o", "table");
            assertEquals(0, table.exit(), table.toString());
            assertTrue(table.out().startsWith("ENVIRONMENT"), table.toString());
            KustosRun unknown = h.kustos("history", "-o", "xml");
            assertEquals(2, unknown.exit(), unknown.toString());
            assertTrue(unknown.err().contains("use text, json or yaml"), unknown.toString());

            KustosRun shortConfig = KustosRun.of("history", "-c", h.kustosYaml().toString(), "--kubeconfig", h.cluster().kubeconfig().toString());
            assertEquals(0, shortConfig.exit(), shortConfig.toString());
        }
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile(Pattern.quote(word)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
