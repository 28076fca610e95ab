package io.kustos.reconcile.preview;

import io.kustos.diff.DiffPrinter;
import io.kustos.diff.Restart;
import io.kustos.text.Plural;

/**
 * A {@link PreviewReport} for a terminal ({@code kustos preview}): one block per environment (what
 * it would do, its objects, restarts, hooks and dry run), then the unified diff of each environment
 * that would change, Secret values redacted as {@code kustos diff} does.
 */
public final class PreviewText {
    private final DiffPrinter printer = new DiffPrinter();

    public String render(PreviewReport report) {
        var out = new StringBuilder("preview config=" + report.config().shown() + " releases=" + report.releases().shown() + "\n");
        for (EnvironmentPreview e : report.environments()) {
            out.append(e.environment()).append(": ");
            switch (e.verdict()) {
                case UNCHANGED -> out.append("no change\n");
                case REFUSED -> out.append("would be refused (").append(e.error().kind()).append(")\n");
                case UNAVAILABLE -> out.append("could not be previewed (try again)\n");
                case CHANGES, WAITS -> {
                    int n = e.diff().size();
                    out.append(e.verdict() == EnvironmentPreview.Verdict.WAITS ? e.waitLine() + ", then change " + Plural.of(n, "object")
                            : "would change " + Plural.of(n, "object") + " at once").append('\n');
                    printer.summary(e.diff()).forEach(l -> out.append("  ").append(l).append('\n'));
                    Restart.of(e.diff()).forEach(r -> out.append("  restart ").append(r.workload()).append(": ")
                            .append(String.join("; ", r.reasons())).append('\n'));
                    e.hooks().forEach(h -> out.append("  hook ").append(h.name()).append(h.alreadyRan() ? " already ran for this version"
                            : " would run before " + h.workload() + " changes version").append(" (job ").append(h.job()).append(", ")
                            .append(h.origin()).append(")\n"));
                    out.append("  dry run: ").append(Plural.of(e.dryRunWrites(), "write")).append(" accepted by the API server\n");
                }
            }
        }
        for (EnvironmentPreview e : report.environments()) {
            if (e.changes()) {
                out.append(printer.preview(e.diff()));
            }
        }
        return out.toString();
    }
}
