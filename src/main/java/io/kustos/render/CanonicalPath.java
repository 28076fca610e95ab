package io.kustos.render;

import java.util.Optional;

/**
 * A repo path as git itself writes it: segments separated by single slashes, none empty, none
 * {@code .} or {@code ..}, no backslash or control character. git refuses to create other paths, but
 * a tree written by hand can hold them ({@code environments/staging/../web/x.yaml}), and such a
 * path must not be read as a file of the environment whose folder it seems to be in.
 */
final class CanonicalPath {
    private CanonicalPath() {
    }

    /** What is wrong with {@code path}, if it is not canonical. */
    static Optional<String> problem(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of(why("has an empty, '.' or '..' segment"));
            }
            if (segment.indexOf('\\') >= 0) {
                return Optional.of(why("has a backslash"));
            }
            if (segment.chars().anyMatch(Character::isISOControl)) {
                return Optional.of(why("has a control character"));
            }
        }
        return Optional.empty();
    }

    private static String why(String what) {
        return "is not a canonical path (it " + what + "; git never writes such a tree entry)"
                + "; Kustos refuses it: rewrite the commit without it";
    }
}
