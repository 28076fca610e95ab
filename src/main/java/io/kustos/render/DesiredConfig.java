package io.kustos.render;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A ConfigMap or Secret as git says it should be.
 *
 * @param key         kind, namespace, name
 * @param type        the Secret type ({@code Opaque} when not given); null for ConfigMaps
 * @param labels      the manifest's labels plus Kustos's own
 * @param annotations the manifest's annotations (Kustos's revision annotations are added at apply)
 * @param entries     data, binaryData and stringData folded into one map: for Secrets every value
 *                    is binary; for ConfigMaps binaryData values are binary
 * @param file        the repo file it came from, for messages
 */
public record DesiredConfig(ObjectKey key, String type, SortedMap<String, String> labels,
                            SortedMap<String, String> annotations, SortedMap<String, ConfigValue> entries,
                            String file) {
    public DesiredConfig {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public boolean isSecret() {
        return "Secret".equals(key.kind());
    }
}
