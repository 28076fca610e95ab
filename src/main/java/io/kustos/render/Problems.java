package io.kustos.render;

import java.util.ArrayList;
import java.util.List;

/** Collects problems for one file while it is read, so all of them are reported at once. */
final class Problems {
    private final List<RenderProblem> all;
    private final String file;

    Problems(List<RenderProblem> all, String file) {
        this.all = all;
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(String path, String message) {
        all.add(new RenderProblem(file, path, message));
    }

    int count() {
        return all.size();
    }

    static List<RenderProblem> list() {
        return new ArrayList<>();
    }
}
