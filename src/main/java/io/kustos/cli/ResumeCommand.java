package io.kustos.cli;

import io.kustos.failure.KustosException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "End the pause an emergency rollback set on an environment: the next reconcile applies the git heads again, "
                + "except a revision that failed, which waits for a new commit or kustos apply --retry.")
final class ResumeCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Mixin
    OneEnvironmentOption environment;

    @Override
    public Integer call() {
        try (var clients = options.clients()) {
            var cfg = options.load();
            var target = options.target(cfg, environment.selection(), "kustos resume");
            var r = options.agent(cfg, clients).emergencyRollback().resume(target);
            System.out.println(target.environment() + ": syncing resumed (recorded as revision " + r.number() + ")");
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
