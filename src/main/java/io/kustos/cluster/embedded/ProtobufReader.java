package io.kustos.cluster.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads protobuf wire format: varints, fixed numbers and length-delimited fields. */
final class ProtobufReader {

    private final byte[] buffer;
    private int position;
    private final int end;

    ProtobufReader(byte[] buffer, int start, int end) {
        this.buffer = buffer;
        this.position = start;
        this.end = end;
    }

    boolean more() {
        return position < end;
    }

    int tag() {
        return (int) varint();
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed();
    }

    long fixed64() {
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result |= (long) (next() & 0xff) << (8 * i);
        }
        return result;
    }

    int fixed32() {
        int result = 0;
        for (int i = 0; i < 4; i++) {
            result |= (next() & 0xff) << (8 * i);
        }
        return result;
    }

    byte[] bytes() {
        int length = (int) varint();
        if (length < 0 || position + length > end) {
            throw malformed();
        }
        byte[] result = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return result;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** A reader over the next length-delimited field. */
    ProtobufReader message() {
        int length = (int) varint();
        if (length < 0 || position + length > end) {
            throw malformed();
        }
        ProtobufReader sub = new ProtobufReader(buffer, position, position + length);
        position += length;
        return sub;
    }

    /** Skips the value of a field with this tag. */
    void skip(int tag) {
        switch (tag & 7) {
            case 0 -> varint();
            case 1 -> position += 8;
            case 2 -> bytes();
            case 5 -> position += 4;
            default -> throw malformed();
        }
    }

    private byte next() {
        if (position >= end) {
            throw malformed();
        }
        return buffer[position++];
    }

    private static ApiError malformed() {
        return ApiError.badRequest("the protobuf body is malformed");
    }
}
