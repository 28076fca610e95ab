package io.kustos.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one kustos.yaml, collected so they are reported together. */
final class Problems {
    private final String file;
    private final List<String> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** The file's name as messages give it, e.g. kustos.yaml or the file -c named. */
    String file() {
        return file;
    }

    void add(String path, String message) {
        found.add(path.isEmpty() ? message : path + ": " + message);
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(file, found);
        }
    }
}
