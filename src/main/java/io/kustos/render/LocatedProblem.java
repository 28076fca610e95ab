package io.kustos.render;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Comparator;
import java.util.function.UnaryOperator;

/**
 * A {@link RenderProblem} placed in a working tree: what {@code kustos validate} reports, and
 * {@code kustos preview} of a revision that does not render.
 *
 * @param file    the file's path from the repo root, e.g. {@code environments/staging/api/config.yaml}
 *                (preview: as render names it, {@code config:environments/staging/api/config.yaml})
 * @param line    1-based line in it; 0 when the problem is not in one file (a missing folder)
 * @param keyPath key path inside the file, e.g. {@code [1].metadata.name}; empty for the whole file
 * @param what    what is wrong and what to do, up to the other place it names; never a secret value
 * @param also    the other place the message ends with, named as {@code file} is; null for none
 */
@JsonPropertyOrder({"file", "line", "keyPath", "message"})
public record LocatedProblem(String file, int line, String keyPath, @JsonIgnore String what, @JsonIgnore Place also) {
    /** By file, then line: as {@code kustos validate} lists them. */
    public static final Comparator<LocatedProblem> ORDER = Comparator.comparing(LocatedProblem::file).thenComparingInt(LocatedProblem::line);

    public LocatedProblem(String file, int line, String keyPath, String message) {
        this(file, line, keyPath, message, null);
    }

    /** Another place a problem names: a file and its line (0: none known). */
    public record Place(String file, int line) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "");
        }
    }

    /** What is wrong and what to do, with the other place it names: {@code … is also defined in config/…/dup.yaml:4}. */
    @JsonProperty
    public String message() {
        return what + (also == null ? "" : " " + also);
    }

    /** The same problem with its files named by {@code naming} (validate: the DIR it read, {@code config/environments/…}). */
    public LocatedProblem named(UnaryOperator<String> naming) {
        return new LocatedProblem(naming.apply(file), line, keyPath, what, also == null ? null : new Place(naming.apply(also.file()), also.line()));
    }

    /** {@code file:line: key path: message}, as compilers print a problem. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message();
    }
}
