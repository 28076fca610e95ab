package io.kustos.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kustos.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/helm/kustos without helm (not installed here): Chart.yaml and values.yaml parse, every
 * {@code .Values.x.y} a template uses exists in values.yaml, the default kustos.yaml loads, and the
 * chart's RBAC rules are the plain manifests' rules.
 */
class HelmChartTest {
    private static final Path CHART = Path.of("deploy/helm/kustos");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VALUE = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_]+)+)");

    @Test
    void chartAndValuesParseAndEveryValueUsedExists() throws Exception {
        JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
        assertEquals("v2", chart.get("apiVersion").asText());
        assertEquals("kustos", chart.get("name").asText());
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        var missing = new TreeSet<String>();
        try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
            for (Path t : templates.toList()) {
                Matcher m = VALUE.matcher(Files.readString(t));
                while (m.find()) {
                    JsonNode node = values;
                    for (String part : m.group(1).substring(1).split("\\.")) {
                        node = node == null ? null : node.get(part);
                    }
                    if (node == null) {
                        missing.add(t.getFileName() + ": .Values" + m.group(1));
                    }
                }
            }
        }
        assertEquals(new TreeSet<String>(), missing);
        var config = ConfigLoader.parse(values.get("config").asText(), Path.of("/etc/kustos/config"), "values.yaml config", Map.of());
        assertEquals(values.get("port").asInt(), config.server().port());
        assertTrue(config.leaderElection().enabled());
    }

    /**
     * By default the chart renders no Secret at all and mounts the operator's {@code kustos-keys};
     * only files given at install make one, kept on uninstall. (Without helm here: the template's
     * guard and the defaults are read as text.)
     */
    @Test
    void theChartShipsNoPlaceholderSecretAndNeverTouchesAnExistingOne() throws Exception {
        JsonNode keys = YAML.readTree(CHART.resolve("values.yaml").toFile()).get("keys");
        assertEquals("kustos-keys", keys.get("existingSecret").asText());
        assertTrue(keys.get("files").isEmpty(), "no key files by default: " + keys);
        String secret = Files.readString(CHART.resolve("templates/secret.yaml"));
        String body = secret.substring(secret.indexOf("*/ -}}") + "*/ -}}".length()).strip();
        assertTrue(body.startsWith("{{- if .Values.keys.files }}"), "the Secret must be guarded by keys.files:\n" + body);
        assertTrue(body.endsWith("{{- end }}\n{{- end }}") || body.endsWith("{{- end }}\r\n{{- end }}"), body);
        assertTrue(body.contains("helm.sh/resource-policy: keep"), body);
        assertFalse(secret.contains("REPLACE-ME"), secret);
        String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"));
        assertTrue(helpers.contains("{{- if .Values.keys.files -}}{{ .Release.Name }}-keys{{- else -}}{{ required"), helpers);
        assertTrue(Files.readString(CHART.resolve("templates/deployment.yaml")).contains("secretName: {{ include \"kustos.keysSecret\" . }}"));
    }

    @Test
    void theChartGrantsTheSameRulesAsThePlainManifests() throws Exception {
        String plain = Files.readString(Path.of("deploy/rbac.yaml"));
        String chart = Files.readString(CHART.resolve("templates/rbac.yaml"));
        assertEquals(rules(plain), rules(chart));
    }

    /** The rule lines ("- apiGroups…", "resources…", "verbs…") in order. */
    private static String rules(String yaml) {
        StringBuilder sb = new StringBuilder();
        for (String line : yaml.split("\n")) {
            String s = line.strip();
            if (s.startsWith("- apiGroups:") || s.startsWith("resources:") || s.startsWith("verbs:")) {
                sb.append(s).append('\n');
            }
        }
        return sb.toString();
    }
}
