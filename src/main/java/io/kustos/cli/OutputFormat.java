package io.kustos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * {@code -o/--output} of every command that reports (apply, diff, history, blame): {@code text}
 * for people (a report, a unified diff, a table), {@code json} or {@code yaml} for programs.
 * {@code table}, the name history and blame gave their text, still works.
 */
enum OutputFormat {
    text, json, yaml;

    static final String DESCRIPTION = "text, json or yaml (default: text).";

    /**
     * The mappers, built on the first {@code -o json|yaml} output rather than when picocli reads the
     * option's default: a command that prints text (and {@code kustos version}) loads no Jackson
     * for them (about 500 classes, 0.08 s of start-up).
     */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    /** {@code value} (records, lists and maps) as JSON or YAML, ending in a newline. */
    String write(Object value) {
        try {
            String s = (this == yaml ? Mappers.YAML : Mappers.JSON).writeValueAsString(value);
            return s.endsWith("\n") ? s : s + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + this + " output", e);
        }
    }

    /** Reads {@code -o}: text (or table), json, yaml. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.equals("table")) {
                return text;
            }
            try {
                return OutputFormat.valueOf(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not an output format (use text, json or yaml)");
            }
        }
    }
}
