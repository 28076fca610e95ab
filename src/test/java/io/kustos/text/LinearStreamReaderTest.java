package io.kustos.text;

import io.kustos.testsupport.AllocatedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnakeYAML reads the same events at the same places through {@link LinearStreamReader} as through its own reader, in linear memory. */
class LinearStreamReaderTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "a: b\nc: [1, 2, {d: e}]\n",
            "# comment\nkey: 'single ''quoted'''\nother: \"double \\\"quoted\\\" \\u00e9\"\n",
            "block: |\n  line one\n  line two\nfolded: >-\n  folded\n  text\nplain: multi\n  line plain\n",
            "crlf: yes\r\nnext: [a,\r\n b]\r\n",
            "lone: cr\rnext: x\r",
            "\ufeffbom: first\n",
            "emoji: \"\ud83d\ude00 smile\"\nplain: \ud83d\ude00\u00e9\u4e2d\n",
            "nel: a\u0085b\nsep: x\u2028y\n",
            "---\nfirst: doc\n...\n---\n- second\n- doc\n",
            "tab:\t\"x\"\nanchors: &a [1]\nalias: *a\n",
            "bad: [unclosed\nnext: x\n",
            "bad:\n  a: 1\n b: 2\n",
            "control: \u0001 here\n",
            "late control: fine\nthen: \"a\u0007\"\n",
            "k: v\n\t- tab indent\n",
    })
    void eventsMarksAndErrorsAreSnakeYamls(String yaml) {
        var options = StrictYamlFactory.limits();
        assertEquals(events(new ParserImpl(new StreamReader(yaml), options)), events(StrictYamlFactory.snakeParser(yaml, options)), yaml);
    }

    /** The copy reads what {@link Character#codePointAt(CharSequence, int)} reads, lone surrogates included, from a String or a slice of a char array. */
    @ParameterizedTest
    @ValueSource(strings = {"", "plain: ascii\n", "\ud83d\ude00\u00e9\u4e2d", "lone high \ud83d end", "lone low \ude00", "\ud83d", "\ude00\ud83d", "x\ud83d\ud83d\ude00"})
    void codePointsAreCharactersCodePoints(String text) {
        assertArrayEquals(text.codePoints().toArray(), LinearStreamReader.codePoints(text));
        char[] padded = ("\ud83d" + text + "\ude00").toCharArray();
        var slice = java.nio.CharBuffer.wrap(padded, 1, text.length()).slice();
        assertArrayEquals(text.codePoints().toArray(), LinearStreamReader.codePoints(slice));
        var positioned = java.nio.CharBuffer.wrap(padded, 1, text.length());
        assertArrayEquals(text.codePoints().toArray(), LinearStreamReader.codePoints(positioned));
        assertArrayEquals(text.codePoints().toArray(), LinearStreamReader.codePoints(new StringBuilder(text)));
    }

    @Test
    void aOneLineValueOf2MiBCostsMemoryInProportion() throws Exception {
        String yaml = "key: " + "x".repeat(2 * 1024 * 1024) + "\n";
        var read = AllocatedBytes.of(() -> events(StrictYamlFactory.snakeParser(yaml, StrictYamlFactory.limits())));
        assertTrue(read.result().get(4).endsWith(" 0:5@5-0:" + (5 + 2 * 1024 * 1024) + "@" + (5 + 2 * 1024 * 1024)), read.result().get(4));
        assertTrue(read.bytes() < 20L * yaml.length(), read.bytes() + " bytes allocated for " + yaml.length());
    }

    /** Each event with its start and end marks, or the error with its marks, as text. */
    private static List<String> events(Parser parser) {
        var out = new ArrayList<String>();
        try {
            while (parser.peekEvent() != null) {
                Event e = parser.getEvent();
                String text = e.toString();
                out.add((text.length() > 200 ? e.getEventId() + " (long)" : text)
                        + " " + mark(e.getStartMark()) + "-" + mark(e.getEndMark()));
            }
        } catch (MarkedYAMLException e) {
            out.add("error " + e.getProblem() + " at " + mark(e.getProblemMark()) + " " + e.getContext() + " " + mark(e.getContextMark()));
        } catch (YAMLException e) {
            out.add("error " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        return out;
    }

    private static String mark(Mark m) {
        return m == null ? "-" : m.getLine() + ":" + m.getColumn() + "@" + m.getIndex();
    }
}
