package io.kustos.cli;

import io.kustos.failure.KustosException;
import io.kustos.reconcile.preview.PreviewMarkdown;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.reconcile.preview.PreviewText;
import io.kustos.source.PreviewRef;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Show what merging a branch, a commit or a pull request would do to each environment, against the live cluster, "
                + "writing nothing to it.",
                "Per environment it shows the diff, the server-side dry run of every write, the workloads that would restart and why, "
                + "the hooks that would run, and whether it would change at once or wait for the environments it follows (after:).",
                "With -o markdown it prints what a pull request comment shows, where a Secret shows only which keys would change.",
                "Exit 0: nothing would change; 1: something would change; 2: bad command line; 3: invalid input; "
                + "4: the API server would refuse a write; 5: unreachable."})
final class PreviewCommand implements Callable<Integer> {
    /** Worst first, as {@link ExitCodes#of(io.kustos.reconcile.ReconcileReport)}: what a retry cannot fix before what it may. */
    private static final List<Integer> WORST_FIRST = List.of(ExitCodes.REFUSED, ExitCodes.INVALID, ExitCodes.UNAVAILABLE);

    @Mixin
    AgentOptions options;

    @Mixin
    EnvironmentsOption environments;

    @Option(names = "--config-ref", paramLabel = "REF", converter = RefConverter.class,
            description = "The config repo's revision to preview: a branch, a full commit sha, refs/pull/N/head or refs/merge-requests/N/head "
                    + "(default: the configured branch). With one repo for both (the same url and branch), it names both sides.")
    PreviewRef configRef;

    @Option(names = "--releases-ref", paramLabel = "REF", converter = RefConverter.class,
            description = "The release repo's revision to preview, given as for --config-ref (default: the configured branch). "
                    + "With one repo for both, it names both sides; a --config-ref that differs is refused (exit 3).")
    PreviewRef releasesRef;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a report, then unified diffs) or markdown (a pull request comment), default: ${DEFAULT-VALUE}.")
    Format output;

    /** The output formats of preview. */
    enum Format { text, markdown }

    @Override
    public Integer call() {
        try (var clients = options.clients()) {
            PreviewReport report = options.previewOnce(environments.selection(), clients, configRef, releasesRef);
            System.out.print(output == Format.markdown ? new PreviewMarkdown().render(report) : new PreviewText().render(report));
            report.refusals().forEach(e -> System.err.println("error: " + e.getMessage()));
            return exitCode(report);
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /**
     * The worst refusal (a write the API server refuses, then invalid input, then unreachable; a
     * hook Job refused in the dry run is a refused write), else 1 when something would change, else 0.
     */
    static int exitCode(PreviewReport report) {
        int worst = ExitCodes.OK;
        for (KustosException e : report.refusals()) {
            int code = ExitCodes.of(e) == ExitCodes.ROLLOUT_FAILED ? ExitCodes.REFUSED : ExitCodes.of(e);
            if (worst == ExitCodes.OK || WORST_FIRST.indexOf(code) < WORST_FIRST.indexOf(worst)) {
                worst = code;
            }
        }
        return worst != ExitCodes.OK ? worst : report.changes() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
    }

    /** Reads a REF: exit 2 for one git would not accept. */
    static final class RefConverter implements CommandLine.ITypeConverter<PreviewRef> {
        @Override
        public PreviewRef convert(String value) {
            try {
                return new PreviewRef(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
