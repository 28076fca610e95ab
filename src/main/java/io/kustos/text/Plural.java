package io.kustos.text;

/** A count with its noun, for what people read: {@code 1 dry run}, {@code 0 writes}, {@code 3 objects}. */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
