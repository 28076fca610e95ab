package io.kustos.text;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.ParserImpl;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.CharBuffer;
import java.util.Arrays;

/**
 * Jackson's YAML factory for input from outside (repo files, kustos.yaml): SnakeYAML reads through
 * {@link LinearStreamReader}, so that a file costs time and memory in proportion to its size
 * whatever the length of one value; the limits are those of {@link #limits()} unless the builder
 * sets others; and an alias ({@code *name}) is refused, since Jackson would read it as the
 * string {@code name} instead of the anchored value (which also keeps alias bombs cheap).
 */
public final class StrictYamlFactory extends YAMLFactory {
    /** The largest YAML or JSON input Kustos reads from git or disk: 5 MiB, as README says. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private StrictYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    /** A factory from {@code builder}, reading with {@link #limits()} when the builder has no loader options of its own. */
    public static StrictYamlFactory of(YAMLFactoryBuilder builder) {
        if (builder.loaderOptions() == null) {
            builder.loaderOptions(limits());
        }
        return new StrictYamlFactory(builder);
    }

    /**
     * SnakeYAML's limits for input from outside: {@link #MAX_BYTES} code points (a code point is
     * at least one byte, so a file within the byte limit is within it), no duplicate keys, and
     * SnakeYAML's defaults of 50 aliases per collection (alias bombs) and 50 levels of nesting.
     */
    public static LoaderOptions limits() {
        var options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    /** SnakeYAML's parser over {@code text}, for code that composes nodes itself. */
    public static ParserImpl snakeParser(CharSequence text, LoaderOptions options) {
        return new ParserImpl(new LinearStreamReader(text), options);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return parser(_createReader(in, null, ctxt), ctxt);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return parser(r, ctxt);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
        return parser(new CharArrayReader(data, offset, len), ctxt);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        return parser(_createReader(data, offset, len, null, ctxt), len, ctxt);
    }

    private YAMLParser parser(Reader reader, IOContext ctxt) throws IOException {
        return parser(reader, 8192, ctxt);
    }

    /**
     * Reads all of {@code reader} (at most {@code expected} chars need no copy), then parses it in memory.
     *
     * @throws InputTooLargeException past the code point limit ({@link #MAX_BYTES}): no more is read
     */
    private YAMLParser parser(Reader reader, int expected, IOContext ctxt) throws IOException {
        LoaderOptions options = _loaderOptions == null ? limits() : _loaderOptions;
        int limit = options.getCodePointLimit();
        char[] text = new char[Math.max(Math.min(expected, limit), 16)];
        int length = 0;
        while (true) {
            if (length == text.length) {
                int next = reader.read();
                if (next < 0) {
                    break;
                }
                if (length >= limit) { // a char is at least one byte: a file within the limit never gets here
                    throw new InputTooLargeException(InputTooLargeException.overLimit(-1, limit));
                }
                text = Arrays.copyOf(text, (int) Math.min((long) text.length * 2, limit));
                text[length++] = (char) next;
            }
            int n = reader.read(text, length, text.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _objectCodec, reader,
                snakeParser(CharBuffer.wrap(text, 0, length), options));
    }

    private static final class Parser extends YAMLParser {
        Parser(IOContext ctxt, int parserFeatures, int formatFeatures, com.fasterxml.jackson.core.ObjectCodec codec,
               Reader reader, ParserImpl yaml) {
            super(ctxt, parserFeatures, formatFeatures, codec, reader, yaml);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (isCurrentAlias()) {
                throw new JsonParseException(this, "a YAML alias (*" + ControlCharacters.escape(_textValue)
                        + ") is not supported: write the value out where the alias is", currentTokenLocation());
            }
            return token;
        }
    }
}
