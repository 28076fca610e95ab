package io.kustos.text;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

import java.io.Reader;
import java.nio.CharBuffer;
import java.util.Arrays;

/**
 * SnakeYAML's reader over a whole text decoded once into code points, so that reading a long
 * scalar costs time and memory in proportion to its length. SnakeYAML's own {@link StreamReader}
 * copies its window each time the scanner looks 1,024 code points further ahead, which makes a
 * one-line value of n code points cost n²/256 bytes of copies (2 GB for 1 MiB, measured): a
 * 4.9 MiB value took 116 s. Positions, marks and errors are those of {@link StreamReader}.
 */
final class LinearStreamReader extends StreamReader {
    private static final String NAME = "'reader'";

    private final int[] codePoints;
    /** Code points before the first one YAML does not allow (all of them when there is none). */
    private final int usable;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    LinearStreamReader(CharSequence text) {
        super(Reader.nullReader());
        codePoints = codePoints(text);
        int bad = 0;
        while (bad < codePoints.length && isPrintable(codePoints[bad])) {
            bad++;
        }
        usable = bad;
    }

    /**
     * The code points of {@code text}, as {@link Character#codePointAt(CharSequence, int)} reads them (a
     * surrogate without its pair is a code point of its own), decoded from its chars in one pass over an
     * array: per char through the {@link CharSequence} interface (a {@link CharBuffer}'s checked
     * {@code charAt}) it was 2% of a cold apply's CPU, every file read once per parse.
     */
    static int[] codePoints(CharSequence text) {
        char[] chars;
        int from;
        int to;
        if (text instanceof CharBuffer buffer && buffer.hasArray()) {
            chars = buffer.array();
            from = buffer.arrayOffset() + buffer.position();
            to = from + buffer.remaining();
        } else {
            chars = text.toString().toCharArray();
            from = 0;
            to = chars.length;
        }
        int[] points = new int[to - from];
        int n = 0;
        for (int i = from; i < to; n++) {
            char c = chars[i++];
            if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(chars[i])) {
                points[n] = Character.toCodePoint(c, chars[i++]);
            } else {
                points[n] = c;
            }
        }
        return n == points.length ? points : Arrays.copyOf(points, n);
    }

    /**
     * Whether the code point {@code ahead} of the current one exists. A text with a code point YAML
     * does not allow fails on the first read, with StreamReader's error (which fails when its
     * window reaches it: at once for a short text).
     */
    private boolean has(int ahead) {
        if (usable < codePoints.length) {
            throw new ReaderException(NAME, usable, codePoints[usable], "special characters are not allowed");
        }
        return pointer + ahead < codePoints.length;
    }

    @Override
    public Mark getMark() {
        return new Mark(NAME, index, line, column, codePoints, Math.min(pointer, codePoints.length));
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && has(0); i++) {
            int c = codePoints[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && has(0) && codePoints[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return has(0) ? codePoints[pointer] : '\0';
    }

    @Override
    public int peek(int ahead) {
        return has(ahead) ? codePoints[pointer + ahead] : '\0';
    }

    @Override
    public String prefix(int length) {
        if (length == 0) {
            return "";
        }
        has(length);
        return new String(codePoints, pointer, Math.max(0, Math.min(length, codePoints.length - pointer)));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        index += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getLine() {
        return line;
    }
}
