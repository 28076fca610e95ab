package io.kustos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kustos.text.StrictYamlFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads kustos.yaml into a tree: exactly one YAML document whose top level is a mapping, no
 * duplicate keys. Anything else is a {@link ConfigException} naming the line.
 */
final class YamlMapping {
    private static final YAMLMapper MAPPER = YAMLMapper.builder(StrictYamlFactory.of(new YAMLFactoryBuilder(new YAMLFactory())))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlMapping() {
    }

    static JsonNode read(String yaml, String file) {
        try (JsonParser parser = MAPPER.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw ConfigException.of(file, "the file is empty (it needs at least sources and targets)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw ConfigException.of(file, "line " + line(parser.currentTokenLocation())
                        + ": the top level must be a mapping of settings (" + ConfigNode.knownFields(KustosConfig.class)
                        + "), found " + found(first));
            }
            JsonNode root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw ConfigException.of(file, "line " + line(parser.currentTokenLocation())
                        + ": a second YAML document; kustos.yaml holds exactly one");
            }
            return root;
        } catch (io.kustos.text.InputTooLargeException e) {
            throw ConfigException.of(file, e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw ConfigException.of(file, syntaxProblem(e), e);
        } catch (IOException e) {
            throw ConfigException.of(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " that starts at " + place(yaml.getContextMark()) + ")";
            String hint = yaml.getProblem() != null && yaml.getProblem().contains("<block") ? "; check the indentation" : "";
            return place(yaml.getProblemMark()) + ": not valid YAML: " + yaml.getProblem() + context + hint;
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field ")) {
            String field = message.substring("Duplicate field ".length()).replace('\'', '"');
            return "line " + line(e.getLocation()) + ": " + field + " appears twice in the same mapping";
        }
        return "line " + line(e.getLocation()) + ": not valid YAML: " + message;
    }

    private static String place(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static String found(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.asString() == null ? token.name().toLowerCase(Locale.ROOT) : token.asString();
        };
    }
}
