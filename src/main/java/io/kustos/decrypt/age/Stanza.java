package io.kustos.decrypt.age;

import java.util.List;

/**
 * One recipient stanza of an age header: {@code -> type arg...} and a body. The body holds a
 * wrapped (encrypted) file key, never a key in clear.
 */
public record Stanza(List<String> args, byte[] body) {
    public Stanza {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a stanza needs at least one argument");
        }
        body = body.clone();
    }

    /** The first argument, which names the recipient type. */
    public String type() {
        return args.get(0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "Stanza[" + type() + ", " + args.size() + " args, body " + body.length + " bytes]";
    }
}
