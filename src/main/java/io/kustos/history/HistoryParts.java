package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.live.LiveStateReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A record that does not fit in the kustos-history ConfigMap (its ~900 KB are full with newer
 * records, or the record alone is larger) is kept in part ConfigMaps
 * {@code kustos-history-<number>-<token>-<i>}, each at most {@link #CHARS} characters of its JSON
 * (under 1 MiB whatever the characters), labelled as the kustos-history ConfigMap is plus
 * {@code kustos.io/history-part}. The kustos-history ConfigMap names them under {@code p<number>}:
 * it alone says which parts count, so parts a writer left behind when its write lost a race are
 * never read. They are written before it and deleted after it no longer names them; parts it never named
 * (their writer lost the race, or was killed before writing it) are deleted by a later write once
 * {@link HistoryStore#UNNAMED_PARTS_KEPT} old, so that a concurrent writer's parts in flight are not taken.
 */
final class HistoryParts {
    /** Characters of a record's JSON per part: at most 3 bytes each in UTF-8, under 1 MiB. */
    static final int CHARS = 300 * 1024;
    static final String PART_LABEL = LiveStateReader.HISTORY_PART_LABEL;
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String ENVIRONMENT = "kustos.io/environment";
    private static final String KEY = "record";

    private HistoryParts() {
    }

    /** The part ConfigMaps of record {@code number}, whose JSON is {@code json}; their names are unique to this write. */
    static List<ConfigMap> split(String namespace, String environment, long number, String json) {
        String token = UUID.randomUUID().toString().substring(0, 8);
        var parts = new ArrayList<ConfigMap>();
        for (int start = 0, i = 0; start < json.length(); i++) {
            int end = Math.min(json.length(), start + CHARS);
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                end--; // a character is never split between two parts
            }
            parts.add(new ConfigMapBuilder().withNewMetadata()
                    .withName(String.format("%s-%08d-%s-%d", HistoryStore.NAME, number, token, i)).withNamespace(namespace)
                    .addToLabels(PART_OF, "kustos").addToLabels(ENVIRONMENT, environment).addToLabels(PART_LABEL, Long.toString(number))
                    .endMetadata().withData(Map.of(KEY, json.substring(start, end))).build());
            start = end;
        }
        return parts;
    }

    /** The JSON of a record kept in {@code names}, read from {@code listed}; empty when a part is missing. */
    static Optional<String> join(List<String> names, Map<String, ConfigMap> listed) {
        var json = new StringBuilder();
        for (String name : names) {
            ConfigMap part = listed.get(name);
            if (part == null || part.getData() == null || part.getData().get(KEY) == null) {
                return Optional.empty();
            }
            json.append(part.getData().get(KEY));
        }
        return Optional.of(json.toString());
    }

    /** Whether {@code cm} is a part of some record: by its label, not its name (a user's ConfigMap may be named {@code kustos-history-…}). */
    static boolean isPart(ConfigMap cm) {
        return LiveStateReader.historyPart(cm);
    }
}
