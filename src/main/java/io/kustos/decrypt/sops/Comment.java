package io.kustos.decrypt.sops;

/**
 * A comment in a document, as sops keeps it: the text after the comment character, and whether it
 * stood at the end of a value's line. In a {@link Branch} a comment is an entry's key (with no
 * value); in a list it is an element. Its {@code toString} never shows the text (it may be secret).
 */
public record Comment(String value, boolean inline) {
    public Comment(String value) {
        this(value, false);
    }

    @Override
    public String toString() {
        return "Comment[" + value.length() + " chars" + (inline ? ", inline" : "") + "]";
    }
}
