package io.kustos.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.config.Target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the ConfigMap and Secret manifests of one config repo file into desired objects. */
final class ConfigManifestReader {
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "data", "binaryData", "stringData", "type");
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");

    static final String RESERVED_NAME = "kustos-history";
    static final String RESERVED_KEY_NAME = "kustos-fingerprint-key";
    private final Target target;

    ConfigManifestReader(Target target) {
        this.target = target;
    }

    /** An object read, and the key path of its name (where a second definition of it is reported). */
    record Read(DesiredConfig config, KeyPath name) {
    }

    List<Read> read(List<YamlDocuments.Document> docs, Problems problems) {
        var out = new ArrayList<Read>();
        boolean many = docs.size() > 1;
        for (var doc : docs) {
            Problems inDoc = problems.inDocument(doc.index(), many);
            int before = problems.count();
            DesiredConfig c = readOne(doc.node(), "", new NodeReader(inDoc));
            if (c != null && problems.count() == before) {
                out.add(new Read(c, inDoc.at("metadata.name")));
            }
        }
        return out;
    }

    private DesiredConfig readOne(JsonNode node, String path, NodeReader r) {
        Problems p = r.problems();
        if (!node.isObject()) {
            p.add(path, "a manifest must be a mapping, not " + NodeReader.describe(node));
            return null;
        }
        String kind = r.requiredText(node, path, "kind");
        String apiVersion = r.requiredText(node, path, "apiVersion");
        if (kind == null || apiVersion == null) {
            return null;
        }
        if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
            p.add(NodeReader.join(path, "kind"), "kind " + kind + " is not managed from the config repo "
                    + "(only ConfigMap and Secret; image versions belong in the release repo)");
            return null;
        }
        if (!apiVersion.equals("v1")) {
            p.add(NodeReader.join(path, "apiVersion"), "must be v1 for a " + kind + ", not " + apiVersion);
        }
        r.onlyKnown(node, path, TOP);
        boolean secret = kind.equals("Secret");
        JsonNode meta = node.get("metadata");
        String metaPath = NodeReader.join(path, "metadata");
        if (meta == null || !meta.isObject()) {
            p.add(metaPath, "required mapping is missing");
            return null;
        }
        r.onlyKnown(meta, metaPath, METADATA);
        String name = r.requiredText(meta, metaPath, "name");
        if (name != null) {
            KubeNames.checkSubdomain(name).ifPresent(m -> p.add(NodeReader.join(metaPath, "name"), '"' + name + "\" " + m));
            if (name.equals(RESERVED_NAME)) {
                p.add(NodeReader.join(metaPath, "name"), RESERVED_NAME + " is reserved for Kustos's history");
            } else if (name.equals(RESERVED_KEY_NAME)) {
                p.add(NodeReader.join(metaPath, "name"), RESERVED_KEY_NAME + " is reserved for the key of Kustos's Secret fingerprints");
            }
        }
        String namespace = namespace(r, meta, metaPath);
        var labels = new TreeMap<>(checkedKeys(r, meta, metaPath, "labels", true));
        var annotations = new TreeMap<>(checkedKeys(r, meta, metaPath, "annotations", false));
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.ENVIRONMENT, target.environment());

        var entries = new EntriesReader(r, path, secret).read(node);
        String type = null;
        if (secret) {
            type = r.optionalText(node, path, "type");
            type = type == null ? "Opaque" : type;
        } else if (node.has("type")) {
            p.add(NodeReader.join(path, "type"), "only a Secret has a type");
        }
        if (name == null || namespace == null) {
            return null;
        }
        ObjectKey key = secret ? ObjectKey.secret(namespace, name) : ObjectKey.configMap(namespace, name);
        return new DesiredConfig(key, type, labels, annotations, entries, p.file());
    }

    private String namespace(NodeReader r, JsonNode meta, String metaPath) {
        String ns = r.optionalText(meta, metaPath, "namespace");
        if (ns == null) {
            return target.namespace();
        }
        if (!target.allows(ns)) {
            r.problems().add(NodeReader.join(metaPath, "namespace"), "namespace " + ns + " is not allowed for environment "
                    + target.environment() + " (allowed: " + target.namespace()
                    + (target.allowedNamespaces().isEmpty() ? "" : ", " + String.join(", ", target.allowedNamespaces())) + ")");
            return null;
        }
        return ns;
    }

    private static Map<String, String> checkedKeys(NodeReader r, JsonNode meta, String metaPath, String field, boolean label) {
        var map = r.stringMap(meta, metaPath, field);
        String p = NodeReader.join(metaPath, field);
        map.forEach((k, v) -> {
            String kp = NodeReader.join(p, k);
            KubeNames.checkQualifiedKey(k).ifPresent(m -> r.problems().add(kp, "key " + m));
            if (Labels.reserved(k)) {
                r.problems().add(kp, "is reserved for Kustos and set by it");
            }
            if (label) {
                KubeNames.checkLabelValue(v).ifPresent(m -> r.problems().add(kp, "value " + m));
            }
        });
        return map;
    }

    /** data, binaryData and stringData of one manifest, folded into one map. */
    private record EntriesReader(NodeReader r, String path, boolean secret) {
        TreeMap<String, ConfigValue> read(JsonNode node) {
            var out = new TreeMap<String, ConfigValue>();
            Problems p = r.problems();
            if (!secret && node.has("stringData")) {
                p.add(NodeReader.join(path, "stringData"), "only a Secret has stringData (use data)");
            }
            r.stringMap(node, path, "data").forEach((k, v) -> {
                String kp = NodeReader.join(NodeReader.join(path, "data"), k);
                if (secret) {
                    base64(v, kp).ifPresent(b -> out.put(k, ConfigValue.bytes(b)));
                } else {
                    out.put(k, ConfigValue.text(v));
                }
                checkKey(k, kp);
            });
            String binField = secret ? "stringData" : "binaryData";
            r.stringMap(node, path, binField).forEach((k, v) -> {
                String kp = NodeReader.join(NodeReader.join(path, binField), k);
                checkKey(k, kp);
                if (out.containsKey(k)) {
                    p.add(kp, "key is given in both data and " + binField);
                    return;
                }
                if (secret) {
                    out.put(k, ConfigValue.bytes(v.getBytes(StandardCharsets.UTF_8)));
                } else {
                    base64(v, kp).ifPresent(b -> out.put(k, ConfigValue.bytes(b)));
                }
            });
            if (secret && node.has("binaryData")) {
                p.add(NodeReader.join(path, "binaryData"), "only a ConfigMap has binaryData (use data)");
            }
            return out;
        }

        private void checkKey(String k, String kp) {
            KubeNames.checkConfigKey(k).ifPresent(m -> r.problems().add(kp, "key " + m));
        }

        private java.util.Optional<byte[]> base64(String v, String kp) {
            try {
                return java.util.Optional.of(Base64.getDecoder().decode(v.replaceAll("\\s", "")));
            } catch (IllegalArgumentException e) {
                r.problems().add(kp, "is not valid base64");
                return java.util.Optional.empty();
            }
        }
    }
}
