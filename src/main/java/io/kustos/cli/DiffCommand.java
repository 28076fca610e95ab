package io.kustos.cli;

import io.kustos.diff.DiffPrinter;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what applying the branch heads would change, as a unified diff like kubectl diff.",
                "Secret values show only as fingerprints keyed with the namespace's kustos-fingerprint-key (hmac:1a2b3c4d).",
                "Before Kustos first applied a Secret there, they show as ***.",
                "Exit 0: in sync; 1: differences; 2: bad command line; 3: invalid input; 4: refused; 5: unreachable."})
final class DiffCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Mixin
    EnvironmentsOption environments;

    @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class,
            description = "text (a unified diff), json or yaml (per environment, the objects and the names of the keys that differ).")
    OutputFormat output;

    @Override
    public Integer call() {
        try (var clients = options.clients()) {
            ReconcileReport report = options.reconcileOnce(environments.selection(), clients, false, false);
            if (output == OutputFormat.text) {
                printUnified(report);
            } else {
                System.out.print(output.write(ReportDocument.of(report, null)));
            }
            if (report.failed()) {
                ReportPrinter.printProblems(report, System.err);
                return ExitCodes.of(report);
            }
            return report.differs() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** The text output: a unified diff per target that differs, drift labelled as drift. */
    private static void printUnified(ReconcileReport report) {
        var printer = new DiffPrinter();
        for (TargetOutcome t : report.targets()) {
            if (t instanceof TargetOutcome.Differs d) {
                System.out.print(printer.unified(d.diff()));
            } else if (t instanceof TargetOutcome.Drifted d) {
                System.out.print(printer.drift(d.diff()));
            }
        }
    }
}
