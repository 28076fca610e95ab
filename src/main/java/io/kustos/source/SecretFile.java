package io.kustos.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret (password, token) from its file, each time it is needed, so rotation works. */
final class SecretFile {
    private SecretFile() {
    }

    /**
     * The file's content without a trailing line break.
     *
     * @param field the GitAuth field naming the file, for the error message
     */
    static String read(String source, String field, Path file) throws SourceException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String value = stripLineBreak(text);
            if (value.isEmpty()) {
                throw new SourceException(prefix(source) + field + " " + file + " is empty", null);
            }
            return value;
        } catch (IOException e) {
            // the exception names only the path, never the content
            throw new SourceException(prefix(source) + "cannot read " + field + " " + file + " ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    static String stripLineBreak(String text) {
        String value = text;
        if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.endsWith("\r")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    private static String prefix(String source) {
        return "source '" + source + "': ";
    }
}
