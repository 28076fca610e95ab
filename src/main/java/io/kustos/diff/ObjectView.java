package io.kustos.diff;

import io.kustos.render.ConfigValue;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes the parts of an object Kustos manages as YAML lines for a diff. Secret values, and
 * binary values, are written only as fingerprints.
 */
final class ObjectView {
    private final List<String> lines = new ArrayList<>();

    static List<String> config(ObjectKey key, SortedMap<String, String> labels, SortedMap<String, String> annotations,
                               SortedMap<String, ConfigValue> entries, String type) {
        var v = new ObjectView();
        boolean secret = key.kind().equals("Secret");
        v.header(key, labels, secret ? hideValues(key, annotations) : annotations);
        var text = new java.util.TreeMap<String, ConfigValue>();
        var binary = new java.util.TreeMap<String, ConfigValue>();
        entries.forEach((k, val) -> (secret || !val.binary() ? text : binary).put(k, val));
        if (!binary.isEmpty()) {
            v.lines.add("binaryData:");
            binary.forEach((k, val) -> v.lines.add("  " + k + ": " + redacted(key, k, val)));
        }
        if (!text.isEmpty()) {
            v.lines.add("data:");
            text.forEach((k, val) -> v.value(k, secret ? redacted(key, k, val) : null, val));
        }
        if (type != null) {
            v.lines.add("type: " + type);
        }
        return v.lines;
    }

    static List<String> workload(ObjectKey key, SortedMap<String, String> annotations, Map<String, String> images, String configHash) {
        var v = new ObjectView();
        v.header(key, new java.util.TreeMap<>(), annotations);
        v.lines.add("spec:");
        v.lines.add("  template:");
        if (configHash != null) {
            v.lines.add("    metadata:");
            v.lines.add("      annotations:");
            v.lines.add("        kustos.io/config-hash: " + configHash);
        }
        v.lines.add("    spec:");
        v.lines.add("      containers:");
        images.forEach((c, image) -> {
            v.lines.add("      - name: " + c);
            v.lines.add("        image: " + image);
        });
        return v.lines;
    }

    /**
     * A Secret's annotations can hold its data (kubectl's last-applied-configuration does): only
     * Kustos's own are shown in clear, every other value as a fingerprint.
     */
    private static SortedMap<String, String> hideValues(ObjectKey key, SortedMap<String, String> annotations) {
        var out = new java.util.TreeMap<String, String>();
        annotations.forEach((k, v) -> out.put(k, k.startsWith(io.kustos.render.Labels.RESERVED_PREFIX) ? v
                : ConfigValue.text(v).fingerprint(key + "/metadata.annotations/" + k) + " (value hidden)"));
        return out;
    }

    private void header(ObjectKey key, SortedMap<String, String> labels, SortedMap<String, String> annotations) {
        lines.add("apiVersion: " + key.apiVersion());
        lines.add("kind: " + key.kind());
        lines.add("metadata:");
        map("  ", "annotations", annotations);
        map("  ", "labels", labels);
        lines.add("  name: " + key.name());
        lines.add("  namespace: " + key.namespace());
    }

    private void map(String indent, String name, SortedMap<String, String> map) {
        if (map.isEmpty()) {
            return;
        }
        lines.add(indent + name + ":");
        map.forEach((k, v) -> lines.add(indent + "  " + k + ": " + scalar(v)));
    }

    private void value(String k, String redacted, ConfigValue val) {
        if (redacted != null) {
            lines.add("  " + k + ": " + redacted);
            return;
        }
        String text = val.text();
        if (!text.contains("\n")) {
            lines.add("  " + k + ": " + scalar(text));
            return;
        }
        lines.add("  " + k + ": |" + (text.endsWith("\n") ? "" : "-"));
        for (String line : text.split("\n", -1)) {
            lines.add(line.isEmpty() ? "" : "    " + line);
        }
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
    }

    private static String redacted(ObjectKey key, String k, ConfigValue val) {
        return "'" + val.fingerprint(key + "/" + k) + "' # " + val.length() + " bytes, value hidden";
    }

    private static String scalar(String s) {
        if (s.isEmpty() || !s.matches("[A-Za-z0-9_./:@=,;+-][A-Za-z0-9_./:@=,; +-]*") || s.endsWith(" ")
                || s.matches("(?i)true|false|null|yes|no|on|off|~|[-+]?[0-9.eE_]+")) {
            return "'" + s.replace("'", "''") + "'";
        }
        return s;
    }
}
