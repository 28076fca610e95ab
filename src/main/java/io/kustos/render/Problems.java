package io.kustos.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems for one file (or one document of it) while it is read, so all of them are
 * reported at once, each with its {@link KeyPath}.
 */
final class Problems {
    private final List<RenderProblem> all;
    private final String file;
    private final int document;
    private final KeyPath.Shown shown;

    Problems(List<RenderProblem> all, String file) {
        this(all, file, KeyPath.ANY_DOCUMENT, KeyPath.Shown.KEYS);
    }

    private Problems(List<RenderProblem> all, String file, int document, KeyPath.Shown shown) {
        this.all = all;
        this.file = file;
        this.document = document;
        this.shown = shown;
    }

    /** The problems of document {@code index} of the file; {@code many}: the file has several, so its key paths show it. */
    Problems inDocument(int index, boolean many) {
        return new Problems(all, file, index, many ? KeyPath.Shown.WITH_DOCUMENT : KeyPath.Shown.KEYS);
    }

    String file() {
        return file;
    }

    /** A problem at {@code path} (keys inside this document; empty for the whole document or file). */
    void add(String path, String message) {
        add(at(path), message);
    }

    void add(KeyPath at, String message) {
        all.add(new RenderProblem(file, at, 0, message));
    }

    /** A problem at a line render knows (the file does not parse there), and at {@code at} if known. */
    void addAtLine(int line, KeyPath at, String message) {
        all.add(new RenderProblem(file, at, line, message));
    }

    /** {@code keys} in this document, shown as this document's key paths are. */
    KeyPath at(String keys) {
        return new KeyPath(document, keys, shown);
    }

    int count() {
        return all.size();
    }

    static List<RenderProblem> list() {
        return new ArrayList<>();
    }
}
