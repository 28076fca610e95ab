package io.kustos.render;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

import java.util.List;
import java.util.stream.Collectors;

/** The repos do not render: every problem found, each naming its file and key path. Nothing is applied. */
public class RenderException extends StallingException {
    private final List<RenderProblem> problems;

    public RenderException(List<RenderProblem> problems) {
        super(format(problems), FailureReason.INVALID_INPUT);
        this.problems = List.copyOf(problems);
    }

    public List<RenderProblem> problems() {
        return problems;
    }

    private static String format(List<RenderProblem> problems) {
        String head = problems.size() == 1 ? "invalid input:" : problems.size() + " problems in the repos:";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
