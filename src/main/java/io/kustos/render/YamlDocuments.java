package io.kustos.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kustos.text.StrictYamlFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML documents of one file, strictly: duplicate keys are an error, and a syntax
 * error names the line and column. Empty documents are skipped. Reading costs time and memory in
 * proportion to the file's size, however long one value is ({@link StrictYamlFactory}).
 */
public final class YamlDocuments {
    private static final ObjectMapper YAML = new ObjectMapper(StrictYamlFactory.of(
            YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private YamlDocuments() {
    }

    /**
     * A file that does not parse: the message names the column (the line is {@link #line()}, the
     * column also {@link #column()}), never content; its key path ({@link #at()}) is the duplicate
     * key's, or the nearest key that encloses where the parser stopped.
     */
    public static final class MalformedYamlException extends IllegalArgumentException {
        private final int line;
        private final int column;
        private final KeyPath at;

        MalformedYamlException(String message, JsonLocation where, KeyPath at) {
            super(message, null);
            this.line = where == null ? 0 : Math.max(where.getLineNr(), 0);
            this.column = where == null || line == 0 ? 0 : Math.max(where.getColumnNr(), 0);
            this.at = at;
        }

        /** The 1-based line where the parser stopped; 0 when it does not say. */
        public int line() {
            return line;
        }

        /** The 1-based column where the parser stopped; 0 when it does not say. */
        public int column() {
            return column;
        }

        /**
         * Where in the file: the duplicate key's path ({@code data.PORT}); for a syntax error, the
         * nearest key enclosing where the parser stopped ({@code data.BROKEN}) when it was inside one;
         * else {@link KeyPath#FILE}.
         */
        public KeyPath at() {
            return at;
        }
    }

    /** A document and its position in the file (0-based, counting empty ones). */
    public record Document(int index, JsonNode node) {
    }

    /** A token parser over {@code content}, with the same strict reading as {@link #read}. */
    static com.fasterxml.jackson.core.JsonParser parser(byte[] content) throws IOException {
        return YAML.getFactory().createParser(content);
    }

    /** @throws MalformedYamlException with a message that names line and column, never content */
    public static List<Document> read(byte[] content) {
        var docs = new ArrayList<Document>();
        MalformedYamlException problem;
        int index = 0;
        try (var parser = YAML.getFactory().createParser(content)) {
            try {
                var it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNextValue()) {
                    JsonNode node = it.nextValue();
                    if (node != null && !node.isNull() && !node.isMissingNode() && !(node.isTextual() && node.textValue().isEmpty())) {
                        docs.add(new Document(index, node));
                    }
                    index++;
                }
                return docs;
            } catch (StreamConstraintsException e) {
                problem = tooDeep(e, parser);
            } catch (JsonProcessingException e) {
                var document = new KeyPath(index, "", docs.isEmpty() ? KeyPath.Shown.KEYS : KeyPath.Shown.WITH_DOCUMENT);
                problem = duplicate(e, parser, document);
                if (problem.at() == KeyPath.FILE) { // a syntax error: at the key it was in, where the parser knows it
                    problem = at(problem, e.getLocation(), YamlLines.enclosingKey(parser), document);
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = new MalformedYamlException("not valid YAML", null, KeyPath.FILE);
        }
        throw problem;
    }

    /** Jackson's nesting limit in words, with the line where the parser crossed it; another limit as Jackson says it. */
    private static MalformedYamlException tooDeep(StreamConstraintsException e, JsonParser parser) {
        if (e.getOriginalMessage() == null || !e.getOriginalMessage().contains("nesting depth")) {
            return describe(e);
        }
        int max = YAML.getFactory().streamReadConstraints().getMaxNestingDepth();
        var loc = parser.currentLocation();
        return new MalformedYamlException("nested deeper than " + max + " levels" + column(loc) + ": flatten the lists and mappings there (at most "
                + max + " levels)", loc, KeyPath.FILE);
    }

    /**
     * A key twice in one mapping, at its path in {@code document} ({@code data.PORT}), with what to
     * do; another syntax error as the parser describes it.
     */
    private static MalformedYamlException duplicate(JsonProcessingException e, JsonParser parser, KeyPath document) {
        var context = parser.getParsingContext();
        String msg = e.getOriginalMessage();
        if (msg == null || !msg.startsWith("Duplicate field ") || context == null || !context.inObject()) {
            return describe(e);
        }
        String key = io.kustos.text.ControlCharacters.escape(context.getCurrentName());
        return new MalformedYamlException("duplicate key " + key + ": a key appears once in a mapping (YAML readers disagree on which"
                + " value wins); keep the one you mean and remove the other", e.getLocation(),
                new KeyPath(document.document(), YamlLines.path(context), document.shown()));
    }

    /** {@code problem} at {@code keys} of {@code document}; as it is when {@code keys} is empty (not inside a key). */
    private static MalformedYamlException at(MalformedYamlException problem, JsonLocation where, String keys, KeyPath document) {
        return keys.isEmpty() ? problem
                : new MalformedYamlException(problem.getMessage(), where, new KeyPath(document.document(), keys, document.shown()));
    }

    /** {@code " at column 4"}: the line is the problem's own. */
    private static String column(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : " at column " + loc.getColumnNr();
    }

    /** The parser's complaint without the source excerpt Jackson appends (it could hold a secret). */
    private static MalformedYamlException describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = "syntax error";
        }
        int nl = msg.indexOf('\n');
        if (nl > 0) {
            msg = msg.substring(0, nl);
        }
        // snakeyaml quotes offending text in some messages; keep only the description
        // (a duplicate key names a key, never a value, so it stays)
        if (!msg.startsWith("Duplicate field")) msg = msg.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        var loc = e.getLocation();
        return new MalformedYamlException("malformed YAML" + column(loc) + ": " + msg, loc, KeyPath.FILE);
    }
}
