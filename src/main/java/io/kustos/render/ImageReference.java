package io.kustos.render;

import io.kustos.text.ControlCharacters;

import java.util.Optional;
import java.util.regex.Pattern;

/** A container image reference: {@code [registry/]repository[:tag][@sha256:digest]}. */
public record ImageReference(String repository, String tag, String digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY = Pattern.compile("[a-zA-Z0-9.-]+(:[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** @throws IllegalArgumentException naming what is wrong */
    public static ImageReference parse(String ref) {
        if (ControlCharacters.contains(ref)) {
            throw new IllegalArgumentException(quoted(ref) + " has a control character (a newline, tab, …); an image reference is one line"
                    + " of registry/repository:tag");
        }
        String rest = ref;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException(quoted(ref) + " has an invalid digest (want sha256: and 64 hex digits)");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException(quoted(ref) + " has an invalid tag");
            }
        }
        checkRepository(ref, rest);
        return new ImageReference(rest, tag, digest);
    }

    private static void checkRepository(String ref, String repo) {
        String[] parts = repo.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean registry = i == 0 && parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
            boolean ok = registry ? REGISTRY.matcher(parts[i]).matches() : COMPONENT.matcher(parts[i]).matches();
            if (!ok) {
                throw new IllegalArgumentException(quoted(ref) + " is not a valid image reference");
            }
        }
    }

    /** {@code ref} in double quotes, with control characters escaped. */
    private static String quoted(String ref) {
        return '"' + ControlCharacters.escape(ref) + '"';
    }

    /** Why this reference may point at different images over time, if it may. */
    public Optional<String> mutability() {
        if (digest != null) {
            return Optional.empty();
        }
        if (tag == null) {
            return Optional.of("has no tag (it means :latest, which moves)");
        }
        if (tag.equals("latest")) {
            return Optional.of("uses the mutable tag :latest");
        }
        return Optional.empty();
    }
}
