package io.kustos.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of each key path of a YAML file, read with render's own parser ({@link YamlDocuments}),
 * so that a problem's {@link KeyPath} (document 1, {@code metadata.name}; {@code workloads[0].containers.app})
 * names a line. Nothing of the file's values is kept. A file that does not parse keeps the lines
 * read before the error.
 */
final class YamlLines {
    /** Per document (by its index in the file, counting empty ones): key path → 1-based line. */
    private final List<Map<String, Integer>> documents = new ArrayList<>();

    private YamlLines() {
    }

    static YamlLines of(byte[] content) {
        var lines = new YamlLines();
        try (JsonParser parser = YamlDocuments.parser(content)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                lines.record(parser, token);
            }
        } catch (IOException | RuntimeException e) {
            // a malformed file: the lines read so far
        }
        return lines;
    }

    private void record(JsonParser parser, JsonToken token) {
        JsonStreamContext context = parser.getParsingContext();
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            return;
        }
        JsonStreamContext slot = token.isStructStart() ? context.getParent() : context;
        if (token != JsonToken.FIELD_NAME && slot.inRoot()) {
            documents.add(new HashMap<>());
        }
        if (documents.isEmpty()) {
            return;
        }
        documents.get(documents.size() - 1).putIfAbsent(path(slot), parser.currentTokenLocation().getLineNr());
    }

    /** The key path of a slot, joined as render's readers join it. */
    static String path(JsonStreamContext c) {
        var parts = new ArrayDeque<String>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /**
     * The key path of the nearest key enclosing where {@code parser} stopped: the key whose value it
     * was reading, else the key of the mapping or list it was in ({@code data.BROKEN} for a broken
     * {@code BROKEN: [one,}); empty at a document's top.
     */
    static String enclosingKey(JsonParser parser) {
        JsonStreamContext c = parser.getParsingContext();
        boolean inValueOfKey = c != null && c.inObject() && c.getCurrentName() != null
                && parser.currentToken() == JsonToken.FIELD_NAME;
        return c == null ? "" : path(inValueOfKey ? c : c.getParent());
    }

    /**
     * The line of {@code at}: of its keys in its document (the file's first document with keys when
     * render does not know which), or of the nearest enclosing key the file has; 1 when the file
     * has none of them.
     */
    int line(KeyPath at) {
        int doc = at.document();
        if (doc == KeyPath.ANY_DOCUMENT) {
            doc = 0;
            while (doc < documents.size() - 1 && documents.get(doc).size() <= 1) {
                doc++;  // the first document with keys (an empty document before it counts as one)
            }
        }
        if (doc >= documents.size()) {
            return 1;
        }
        Map<String, Integer> lines = documents.get(doc);
        String path = at.keys();
        while (true) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            if (path.isEmpty()) {
                return 1;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
    }
}
