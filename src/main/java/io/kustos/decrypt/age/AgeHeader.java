package io.kustos.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The textual header of an age v1 file, read and written exactly as c2sp.org/age's ABNF says:
 * a version line, one or more stanzas whose bodies are canonical unpadded base64 wrapped at 64
 * columns and end with a shorter (possibly empty) line, and the {@code ---} MAC line.
 *
 * @param macInput      the header bytes the MAC covers: everything up to and including {@code ---}
 * @param payloadOffset where the payload starts in the file
 */
public record AgeHeader(List<Stanza> stanzas, byte[] macInput, byte[] mac, int payloadOffset) {
    static final String VERSION_LINE = "age-encryption.org/v1";
    private static final String VERSION_PREFIX = "age-encryption.org/";
    private static final int COLUMNS = 64;
    private static final int MAC_SIZE = 32;

    public AgeHeader {
        stanzas = List.copyOf(stanzas);
    }

    /**
     * Parses the header at the start of {@code file}.
     *
     * @throws AgeException of kind {@link AgeFailure#HEADER}, naming the line
     */
    public static AgeHeader parse(byte[] file) {
        Lines lines = new Lines(file);
        String version = lines.next();
        if (!version.equals(VERSION_LINE)) {
            throw lines.fail(version.startsWith(VERSION_PREFIX)
                    ? "unsupported version (only age-encryption.org/v1 is supported)"
                    : "not an age file (no age-encryption.org/v1 version line)");
        }
        List<Stanza> stanzas = new ArrayList<>();
        while (true) {
            int lineStart = lines.position();
            String line = lines.next();
            if (line.startsWith("---")) {
                if (stanzas.isEmpty()) {
                    throw lines.fail("no recipient stanza before the MAC line");
                }
                if (!line.startsWith("--- ")) {
                    throw lines.fail("the MAC line must start with '--- '");
                }
                byte[] mac;
                try {
                    mac = CanonicalBase64.decode(line.substring(4), MAC_SIZE, "MAC");
                } catch (IllegalArgumentException e) {
                    throw lines.fail(e.getMessage());
                }
                return new AgeHeader(stanzas, Arrays.copyOf(file, lineStart + 3), mac, lines.position());
            }
            if (!line.startsWith("-> ")) {
                throw lines.fail("expected a stanza ('-> ') or the MAC line ('--- ')");
            }
            stanzas.add(new Stanza(arguments(line.substring(3), lines), body(lines)));
        }
    }

    private static List<String> arguments(String text, Lines lines) {
        List<String> args = List.of(text.split(" ", -1));
        for (String arg : args) {
            if (arg.isEmpty()) {
                throw lines.fail("empty stanza argument");
            }
            for (int i = 0; i < arg.length(); i++) {
                char c = arg.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    throw lines.fail("invalid character in a stanza argument");
                }
            }
        }
        return args;
    }

    private static byte[] body(Lines lines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = lines.next();
            if (line.length() > COLUMNS) {
                throw lines.fail("stanza body line longer than " + COLUMNS + " columns");
            }
            try {
                body.writeBytes(CanonicalBase64.decode(line));
            } catch (IllegalArgumentException e) {
                throw lines.fail("stanza body: " + e.getMessage());
            }
            if (line.length() < COLUMNS) {
                return body.toByteArray();
            }
        }
    }

    /** The header for {@code stanzas}, with its MAC computed under {@code macKey}. */
    static byte[] encode(List<Stanza> stanzas, byte[] macKey) {
        StringBuilder sb = new StringBuilder(VERSION_LINE).append('\n');
        for (Stanza stanza : stanzas) {
            sb.append("->");
            for (String arg : stanza.args()) {
                sb.append(' ').append(arg);
            }
            sb.append('\n');
            String body = CanonicalBase64.encode(stanza.body());
            int i = 0;
            for (; body.length() - i >= COLUMNS; i += COLUMNS) {
                sb.append(body, i, i + COLUMNS).append('\n');
            }
            sb.append(body, i, body.length()).append('\n');
        }
        sb.append("---");
        byte[] macInput = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] mac = Primitives.hmacSha256(macKey, macInput, macInput.length);
        sb.append(' ').append(CanonicalBase64.encode(mac)).append('\n');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "AgeHeader[" + stanzas + "]";
    }

    /** The header's lines, each ending in LF; a line without one is a malformed header. */
    private static final class Lines {
        private final byte[] file;
        private int pos;
        private int number;

        Lines(byte[] file) {
            this.file = file;
        }

        int position() {
            return pos;
        }

        String next() {
            number++;
            for (int i = pos; i < file.length; i++) {
                if (file[i] == '\n') {
                    String line = new String(file, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            throw fail(pos == file.length ? "unexpected end of file" : "unterminated line");
        }

        AgeException fail(String reason) {
            return new AgeException(AgeFailure.HEADER, "header line " + number + ": " + reason);
        }
    }
}
