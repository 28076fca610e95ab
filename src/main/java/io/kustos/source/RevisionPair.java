package io.kustos.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kustos.failure.StallingException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two commits one desired state comes from: the config repo's and the release repo's. Its
 * one text form, {@link #annotation()} ({@code config=<revision>;releases=<revision>}), is the
 * {@code kustos.io/revision} annotation and what the kustos-history state stores; {@link #parse}
 * reads it back. Equal by value.
 */
public record RevisionPair(Revision config, Revision releases) {
    private static final Pattern TEXT = Pattern.compile("config=([^;]+);releases=([^;]+)");

    public RevisionPair {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(releases, "releases");
    }

    /**
     * The pair written as {@link #annotation()}.
     *
     * @throws StallingException naming {@code text} when it is not one
     */
    @JsonCreator
    public static RevisionPair parse(String text) {
        var m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw notAPair(text, null);
        }
        try {
            return new RevisionPair(Revision.parse(m.group(1)), Revision.parse(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw notAPair(text, e);
        }
    }

    private static StallingException notAPair(String text, IllegalArgumentException cause) {
        return new StallingException("not a revision pair (want config=<branch>@sha1:<40 hex>;releases=<branch>@sha1:<40 hex>): \""
                + text + "\"", io.kustos.failure.FailureReason.INVALID_INPUT, cause);
    }

    /** {@code config=main@sha1:<40 hex>;releases=main@sha1:<40 hex>}: the annotation, and the state's stored form. */
    @JsonValue
    public String annotation() {
        return "config=" + config + ";releases=" + releases;
    }

    /** {@code config=1a2b3c4,releases=5d6e7f8}: for log lines and their MDC. */
    public String shortForm() {
        return "config=" + config.shortSha() + ",releases=" + releases.shortSha();
    }

    /** The {@link #annotation()} form. */
    @Override
    public String toString() {
        return annotation();
    }
}
