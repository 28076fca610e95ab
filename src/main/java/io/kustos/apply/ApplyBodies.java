package io.kustos.apply;

import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.Credit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server-side apply bodies Kustos sends: exactly the fields it owns, nothing the server
 * fills in. A field left out of a body is released by Kustos's field manager.
 */
final class ApplyBodies {
    private ApplyBodies() {
    }

    static Map<String, Object> config(DesiredConfig d, Credit credit) {
        var body = new LinkedHashMap<String, Object>();
        body.put("apiVersion", d.key().apiVersion());
        body.put("kind", d.key().kind());
        var annotations = new TreeMap<>(d.annotations());
        credit.writeTo(annotations);
        body.put("metadata", metadata(d.key().name(), d.key().namespace(), d.labels(), annotations));
        var data = new TreeMap<String, String>();
        var binary = new TreeMap<String, String>();
        for (Map.Entry<String, ConfigValue> e : d.entries().entrySet()) {
            ConfigValue v = e.getValue();
            if (d.isSecret()) {
                data.put(e.getKey(), Base64.getEncoder().encodeToString(v.bytes()));
            } else if (v.binary()) {
                binary.put(e.getKey(), Base64.getEncoder().encodeToString(v.bytes()));
            } else {
                data.put(e.getKey(), v.text());
            }
        }
        if (!data.isEmpty()) {
            body.put("data", data);
        }
        if (!binary.isEmpty()) {
            body.put("binaryData", binary);
        }
        if (d.type() != null) {
            body.put("type", d.type());
        }
        return body;
    }

    static Map<String, Object> workload(DesiredWorkload w, String configHash, Credit credit) {
        var body = new LinkedHashMap<String, Object>();
        body.put("apiVersion", w.key().apiVersion());
        body.put("kind", w.key().kind());
        var annotations = new TreeMap<String, String>();
        credit.writeTo(annotations);
        body.put("metadata", metadata(w.key().name(), w.key().namespace(), Map.of(), annotations));
        List<Map<String, Object>> containers = new ArrayList<>();
        w.images().forEach((name, image) -> {
            var c = new LinkedHashMap<String, Object>();
            c.put("name", name);
            c.put("image", image);
            containers.add(c);
        });
        var template = new LinkedHashMap<String, Object>();
        if (configHash != null) {
            template.put("metadata", Map.of("annotations", Map.of(Labels.CONFIG_HASH, io.kustos.diff.ConfigHash.forWriting(configHash))));
        }
        template.put("spec", Map.of("containers", containers));
        body.put("spec", Map.of("template", template));
        return body;
    }

    private static Map<String, Object> metadata(String name, String namespace, Map<String, String> labels,
                                                Map<String, String> annotations) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("namespace", namespace);
        if (!labels.isEmpty()) {
            m.put("labels", new TreeMap<>(labels));
        }
        if (!annotations.isEmpty()) {
            m.put("annotations", new TreeMap<>(annotations));
        }
        return m;
    }
}
