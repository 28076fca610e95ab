package io.kustos.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kustos.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/helm/kustos without helm (not installed here): Chart.yaml and values.yaml parse, every
 * {@code .Values.x.y} a template uses exists in values.yaml, the default kustos.yaml loads, the
 * leaderElection and sharding values reach it, and the chart's RBAC rules are the plain manifests'
 * rules (deploy/rbac.yaml, deploy/sharding/rbac.yaml).
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
        String kustosYaml = values.get("config").asText();
        var config = ConfigLoader.parse(kustosYaml + "leaderElection: { enabled: true }\n", Path.of("/etc/kustos/config"), "values.yaml config", Map.of());
        assertEquals(values.get("port").asInt(), config.server().port());
        assertTrue(config.leaderElection().enabled());
    }

    /**
     * leaderElection and sharding are values the chart renders into kustos.yaml (kustos.coordination), not part
     * of {@code config}: by default leader election as before; sharding with the fields kustos.yaml has, never
     * both (the chart fails); its Role in the sharding namespace instead of the leader election one; a
     * PodDisruptionBudget only for more than one replica; POD_NAME, the replica's identity, from the downward API.
     */
    @Test
    void replicasAndShardingValuesAreRenderedIntoKustosYamlTheRoleAndABudget() throws Exception {
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        assertEquals(1, values.get("replicas").asInt());
        assertTrue(values.get("leaderElection").get("enabled").asBoolean());
        JsonNode sharding = values.get("sharding");
        assertFalse(sharding.get("enabled").asBoolean());
        String kustosYaml = values.get("config").asText();
        assertFalse(Pattern.compile("(?m)^(leaderElection|sharding)\\s*:").matcher(kustosYaml).find(), "rendered from the values:\n" + kustosYaml);

        // every sharding value is a kustos.yaml field (the binder refuses unknown ones), as the helper writes it
        var fields = new StringBuilder("sharding: { enabled: true");
        var sample = Map.of("namespace", "kustos-leases", "leaseDuration", "30s", "renewDeadline", "20s", "retryPeriod", "4s");
        sharding.fieldNames().forEachRemaining(f -> {
            if (!f.equals("enabled")) {
                fields.append(", ").append(f).append(": ").append(sample.get(f));
            }
        });
        var sharded = ConfigLoader.parse(kustosYaml + fields + " }\n", Path.of("/etc/kustos/config"), "values.yaml config", Map.of()).sharding();
        assertTrue(sharded.enabled());
        assertEquals("kustos-leases", sharded.namespace());
        assertEquals(java.time.Duration.ofSeconds(30), sharded.leaseDuration());

        String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"));
        assertTrue(helpers.contains("{{- if and .Values.sharding.enabled .Values.leaderElection.enabled -}}\n{{- fail \"sharding.enabled and leaderElection.enabled: choose one"),
                helpers);
        assertTrue(helpers.contains("{{- if regexMatch \"(?m)^(leaderElection|sharding)\\\\s*:\" .Values.config -}}\n{{- fail \"config: remove leaderElection and sharding"),
                helpers);
        for (String field : List.of("namespace", "leaseDuration", "renewDeadline", "retryPeriod")) {
            assertTrue(helpers.contains("{{- with $s." + field + " }}, " + field + ": {{ . }}{{ end }}"), field + ":\n" + helpers);
        }
        assertTrue(helpers.contains("leaderElection: { enabled: {{ .Values.leaderElection.enabled }} }"), helpers);
        assertTrue(Files.readString(CHART.resolve("templates/configmap.yaml")).contains("{{ include \"kustos.coordination\" . | indent 4 }}"));

        String rbac = Files.readString(CHART.resolve("templates/rbac.yaml"));
        String leader = rbac.substring(rbac.indexOf("{{- if not .Values.sharding.enabled }}"), rbac.indexOf("{{- else }}"));
        assertTrue(leader.contains("name: {{ .Release.Name }}-leader-election"), leader);
        String shardingRole = rbac.substring(rbac.indexOf("{{- else }}"));
        assertTrue(shardingRole.contains("name: {{ .Release.Name }}-sharding\n  namespace: {{ include \"kustos.shardingNamespace\" . }}"), shardingRole);
        assertTrue(shardingRole.contains("verbs: [get, list, create, update, patch, delete]"), shardingRole);
        assertTrue(helpers.contains("{{- default .Release.Namespace .Values.sharding.namespace -}}"), helpers);

        String pdb = Files.readString(CHART.resolve("templates/pdb.yaml"));
        assertTrue(pdb.contains("{{- if gt (int .Values.replicas) 1 }}\napiVersion: policy/v1\nkind: PodDisruptionBudget"), pdb);
        assertTrue(pdb.contains("maxUnavailable: 1\n  selector:\n    matchLabels: {{- include \"kustos.selector\" . | nindent 6 }}"), pdb);
        assertTrue(pdb.strip().endsWith("{{- end }}"), pdb);

        assertTrue(Files.readString(CHART.resolve("templates/deployment.yaml"))
                .contains("- name: POD_NAME\n              valueFrom: { fieldRef: { fieldPath: metadata.name } }"));
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
        String plain = Files.readString(Path.of("deploy/rbac.yaml")) + Files.readString(Path.of("deploy/sharding/rbac.yaml"));
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
