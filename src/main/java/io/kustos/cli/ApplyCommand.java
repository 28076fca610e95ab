package io.kustos.cli;

import io.kustos.failure.KustosException;
import io.kustos.reconcile.ReconcileReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Reconcile once: fetch the branch heads, validate, dry-run, apply what changed, then exit.",
                "Exit 0: applied or in sync; 1: drift left as it is (sync.selfHeal off); 2: bad command line; 3: invalid input; 4: refused by the API server; "
                        + "5: unreachable, or another kustos writing the environment (--lock-wait); 6: a hook or rollout failed, or the revision failed before."})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Mixin
    EnvironmentsOption environments;

    @Mixin
    LockWaitOption lockWait;

    @picocli.CommandLine.Option(names = "--retry", description = "Apply the heads even if this revision failed before (a failed revision waits for a new commit otherwise).")
    boolean retry;

    @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class, description = "The report as " + OutputFormat.DESCRIPTION)
    OutputFormat output;

    @Override
    public Integer call() {
        try (var clients = options.clients()) {
            ReconcileReport report = options.reconcileOnce(environments.selection(), clients, true, retry, lockWait.policy("apply"));
            if (output == OutputFormat.text) {
                new ReportPrinter(System.out, System.err).print(report);
                System.out.println("api requests: " + clients.counter());
            } else {
                System.out.print(output.write(ReportDocument.of(report, clients.counter())));
            }
            return report.failed() ? ExitCodes.of(report) : report.driftLeft() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
