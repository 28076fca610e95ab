package io.kustos.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A raw git commit object split into what its author signed and the signature: git signs the
 * commit object without its {@code gpgsig} header (and without {@code gpgsig-sha256}), and writes
 * the armored signature as that header's value, continuation lines starting with one space.
 *
 * @param payload   the commit object as signed: every byte except the signature headers
 * @param signature the {@code gpgsig} header's value with the continuation spaces removed, or
 *                  null when the commit has none
 */
record SignedCommit(byte[] payload, String signature) {
    private static final String GPGSIG = "gpgsig";
    private static final String GPGSIG_SHA256 = "gpgsig-sha256";

    static SignedCommit parse(byte[] raw) {
        var payload = new ByteArrayOutputStream(raw.length);
        StringBuilder signature = null;
        boolean inSignature = false;
        boolean dropping = false;
        int pos = 0;
        while (pos < raw.length) {
            int end = lineEnd(raw, pos);
            if (end == pos) {
                // the blank line that ends the headers: the rest is the message, copied as is
                payload.write(raw, pos, raw.length - pos);
                break;
            }
            boolean continuation = raw[pos] == ' ';
            if (!continuation) {
                String name = headerName(raw, pos, end);
                dropping = name.equals(GPGSIG) || name.equals(GPGSIG_SHA256);
                inSignature = name.equals(GPGSIG) && signature == null;
                if (inSignature) {
                    signature = new StringBuilder(text(raw, pos + GPGSIG.length() + 1, end));
                }
            } else if (inSignature) {
                signature.append('\n').append(text(raw, pos + 1, end));
            }
            int next = Math.min(end + 1, raw.length);
            if (!dropping) {
                payload.write(raw, pos, next - pos);
            }
            pos = next;
        }
        return new SignedCommit(payload.toByteArray(), signature == null ? null : signature.toString());
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    private static String headerName(byte[] raw, int from, int end) {
        for (int i = from; i < end; i++) {
            if (raw[i] == ' ') {
                return text(raw, from, i);
            }
        }
        return text(raw, from, end);
    }

    private static String text(byte[] raw, int from, int to) {
        return from >= to ? "" : new String(raw, from, to - from, StandardCharsets.UTF_8);
    }
}
