package io.kustos.runtime.forge;

/** A commit status description: one line, cut with an ellipsis to the forge's limit. */
public final class Descriptions {
    private Descriptions() {
    }

    public static String fit(String text, int limit) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= limit ? line : line.substring(0, limit - 1) + "…";
    }
}
