package io.kustos.cli;

import io.kustos.failure.FailureReason;
import io.kustos.history.GitRollback;
import io.kustos.history.HistoryRecord;
import io.kustos.outcome.Outcome;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll an environment back to an earlier revision with revert commits in git.",
                "The commits go to the config and release repos (and are pushed): the running Kustos then applies them like any commit.",
                "--emergency instead re-applies the revision from the local clones, for when git is unreachable, "
                        + "and pauses syncing of the environment until a new commit arrives or `kustos resume`."})
final class RollbackCommand implements Callable<Integer> {
    /** Outcomes after which the cluster stood at the record's revisions. */
    private static final java.util.Set<Outcome> GOOD = java.util.EnumSet.of(Outcome.APPLIED, Outcome.DRIFT_CORRECTED, Outcome.EMERGENCY_ROLLBACK);

    @Mixin
    AgentOptions options;

    @ArgGroup(multiplicity = "1")
    To to;

    static final class To {
        @Option(names = "--to", paramLabel = "N", description = "The history number to go back to (kustos history).")
        Long number;

        @Option(names = "--to-commit", paramLabel = "SHA", description = "The revision whose config or release commit starts with SHA.")
        String commit;
    }

    @Mixin
    OneEnvironmentOption environment;

    @Option(names = "--no-push", description = "Only commit, in work clones under the cache dir; print how to push or discard them.")
    boolean noPush;

    @Option(names = "--emergency", description = "Re-apply from the local clones now and pause syncing (needs --to).")
    boolean emergency;

    /** With --emergency: how long to wait for the environment's write lock (another kustos writing it). */
    @picocli.CommandLine.Mixin
    LockWaitOption lockWait;

    @Option(names = "--author", paramLabel = "NAME <EMAIL>", defaultValue = "Kustos <kustos@kustos.invalid>",
            description = "Author of the revert commits (default: ${DEFAULT-VALUE}).")
    String author;

    @Override
    public Integer call() {
        try (var clients = options.clients()) {
            var cfg = options.load();
            var target = options.target(cfg, environment.selection(), "kustos rollback");
            var history = options.agent(cfg, clients).history(target).load();
            HistoryRecord record = to.number != null
                    ? history.find(to.number).filter(r -> GOOD.contains(r.outcome())).orElseThrow(() -> new StallingException("revision "
                    + to.number + " of " + target.environment() + " is not one that was applied successfully (kustos history lists them)", FailureReason.INVALID_INPUT))
                    : history.records().stream().filter(r -> r.configCommit().sha().startsWith(to.commit) || r.releasesCommit().sha().startsWith(to.commit))
                    .filter(r -> GOOD.contains(r.outcome())).findFirst()
                    .orElseThrow(() -> new StallingException("no applied revision with commit " + to.commit + " in the history of " + target.environment(), FailureReason.INVALID_INPUT));
            if (emergency) {
                var r = options.agent(cfg, clients).emergencyRollback(lockWait.policy("rollback --emergency")).rollBack(target, record.number());
                System.out.println(target.environment() + ": re-applied revision " + record.number() + " (" + record.revisions() + ")");
                System.out.println("recorded as revision " + r.number() + "; syncing of " + target.environment()
                        + " is paused until a new commit or `kustos resume`");
                return ExitCodes.OK;
            }
            String name = author.replaceAll("\\s*<.*", "");
            String email = author.contains("<") ? author.replaceAll(".*<(.*)>.*", "$1") : "kustos@kustos.invalid";
            var kept = new java.util.ArrayList<GitRollback.RepoResult>();
            for (var result : new GitRollback(cfg, name, email).rollBack(target.environment(), record, !noPush)) {
                if (result.sha() == null) {
                    System.out.println(result.source() + ": " + result.path() + " is already as at revision " + record.number());
                    continue;
                }
                System.out.println(result.source() + ": " + (result.pushed() ? "pushed " : "committed (not pushed) ") + result.sha().substring(0, 7)
                        + " \"Roll back " + target.environment() + " to revision " + record.number() + "\"" + (result.pushed() ? "" : " in " + result.workDir()));
                result.undone().forEach(u -> System.out.println("  undoes " + u));
                if (!result.pushed()) {
                    kept.add(result);
                }
            }
            if (!kept.isEmpty()) {
                System.out.println("to push:");
                kept.forEach(r -> System.out.println("  " + r.pushCommand()));
                System.out.println("to discard: rm -rf " + String.join(" ", kept.stream().map(GitRollback.RepoResult::shellDir).toList())
                        + " (the next kustos rollback of " + target.environment() + " deletes them too)");
            }
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
