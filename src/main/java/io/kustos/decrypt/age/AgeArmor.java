package io.kustos.decrypt.age;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ASCII armor of age files: strict PEM (RFC 7468, section 3) with the label
 * {@code AGE ENCRYPTED FILE}, padded canonical base64 in lines of exactly 64 columns but the last
 * (1 to 64), LF or CRLF line ends, and nothing but whitespace before and after the block.
 */
public final class AgeArmor {
    static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    static final String END = "-----END AGE ENCRYPTED FILE-----";
    private static final int COLUMNS = 64;

    private AgeArmor() {
    }

    public static String encode(byte[] file) {
        String b64 = Base64.getEncoder().encodeToString(file);
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / COLUMNS + 80);
        sb.append(BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += COLUMNS) {
            sb.append(b64, i, Math.min(b64.length(), i + COLUMNS)).append('\n');
        }
        return sb.append(END).append('\n').toString();
    }

    /**
     * @throws AgeException of kind {@link AgeFailure#ARMOR}
     */
    public static byte[] decode(byte[] armored) {
        int start = 0;
        int end = armored.length;
        while (start < end && isSpace(armored[start])) {
            start++;
        }
        while (end > start && isSpace(armored[end - 1])) {
            end--;
        }
        String[] lines = new String(armored, start, end - start, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        if (!lines[0].equals(BEGIN)) {
            throw fail("the first line must be " + BEGIN);
        }
        if (lines.length < 2 || !lines[lines.length - 1].equals(END)) {
            throw fail("the last line must be " + END);
        }
        StringBuilder b64 = new StringBuilder();
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            boolean finalLine = i == lines.length - 2;
            if (line.isEmpty() || line.length() > COLUMNS || (!finalLine && line.length() != COLUMNS)) {
                throw fail("line " + (i + 1) + ": every line but the last must be " + COLUMNS
                        + " columns, the last 1 to " + COLUMNS);
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                boolean padding = ch == '=' && finalLine && line.substring(c).matches("={1,2}");
                if (!CanonicalBase64.isAlphabet(ch) && !padding) {
                    throw fail("line " + (i + 1) + ": invalid base64 character at column " + (c + 1));
                }
            }
            b64.append(line);
        }
        if (b64.length() % 4 != 0) {
            throw fail("base64 length is not a multiple of 4 (missing padding?)");
        }
        byte[] data = Base64.getDecoder().decode(b64.toString());
        if (!Base64.getEncoder().encodeToString(data).contentEquals(b64)) {
            throw fail("non-canonical base64");
        }
        return data;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static AgeException fail(String reason) {
        return new AgeException(AgeFailure.ARMOR, reason);
    }
}
