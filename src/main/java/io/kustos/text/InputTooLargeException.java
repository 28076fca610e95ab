package io.kustos.text;

import java.io.IOException;

/**
 * An input over {@link StrictYamlFactory#MAX_BYTES}, refused before more of it is read; its
 * message is what follows the file's name: {@code is N bytes, over the limit of 5 MiB (5242880 bytes)}.
 */
public final class InputTooLargeException extends IOException {
    public InputTooLargeException(String message) {
        super(message, null);
    }

    /** What is said of a file of {@code size} bytes (negative: not known, only that it is larger) over {@code limit} bytes. */
    public static String overLimit(long size, long limit) {
        return "is " + (size < 0 ? "more than " + limit : String.valueOf(size)) + " bytes, over the limit of "
                + (limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB (" + limit + " bytes)" : limit + " bytes");
    }
}
