package io.kustos.render;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.source.RepoSnapshot;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The repos do not render: every problem found, each naming its file and key path. Nothing is applied. */
public class RenderException extends StallingException {
    private final List<RenderProblem> problems;

    public RenderException(List<RenderProblem> problems) {
        this(problems, problems);
    }

    /** @param lines the problems as the message lists them */
    private RenderException(List<RenderProblem> problems, List<?> lines) {
        super(format(lines), FailureReason.INVALID_INPUT);
        this.problems = List.copyOf(problems);
    }

    public List<RenderProblem> problems() {
        return problems;
    }

    /**
     * The same problems, each at its line in {@code config} or {@code releases} (the snapshots they
     * were found in), sorted by file and line as {@code kustos validate} lists them:
     * {@code config:environments/staging/app/ports.yaml:6: data.PORT: must be a string, not a number (quote it)}.
     */
    public RenderException locatedIn(RepoSnapshot config, RepoSnapshot releases) {
        var locator = new ProblemLocator(Map.of(RepoKind.CONFIG, config, RepoKind.RELEASES, releases));
        return new RenderException(problems, problems.stream().map(locator::locate).sorted(LocatedProblem.ORDER).toList());
    }

    private static String format(List<?> problems) {
        String head = problems.size() == 1 ? "invalid input:" : problems.size() + " problems in the repos:";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
