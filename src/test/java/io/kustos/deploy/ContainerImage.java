package io.kustos.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Dockerfile read as instructions (continuation lines joined, comments dropped). */
record ContainerImage(List<String> instructions) {
    static final Path DOCKERFILE = Path.of("Dockerfile");

    static ContainerImage read() {
        try {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(DOCKERFILE)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                current.append(line.strip());
                if (line.endsWith("\\")) {
                    current.setLength(current.length() - 1);
                    current.append(' ');
                } else {
                    out.add(current.toString());
                    current.setLength(0);
                }
            }
            return new ContainerImage(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1)).toList();
    }

    /** The exec-form ENTRYPOINT as a list of arguments. */
    List<String> entrypoint() {
        try {
            return List.of(new ObjectMapper().readValue(all("ENTRYPOINT").get(0), String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
