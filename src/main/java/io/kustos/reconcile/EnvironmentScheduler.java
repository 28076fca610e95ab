package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.work.ContextExecutor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs one task per environment concurrently (at most the executor's threads at once), each with
 * its {@code environment} and {@code revision} on every log line; an environment that follows
 * others ({@code after:}) starts once those of this run finished, however they ended. Outcomes
 * come back in the targets' order.
 */
final class EnvironmentScheduler {
    private final ContextExecutor executor;

    EnvironmentScheduler(ContextExecutor executor) {
        this.executor = executor;
    }

    /** @param ordered honour {@code after:} (apply); false runs them all at once (diff, heal) */
    List<TargetOutcome> run(List<Target> targets, String revision, boolean ordered, Function<Target, TargetOutcome> task) {
        var abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        Function<Target, TargetOutcome> guarded = t -> {
            if (abandoned.get()) {
                throw new io.kustos.failure.TransientException("reconcile of " + t.environment() + " abandoned",
                        io.kustos.failure.FailureReason.INTERRUPTED, null);
            }
            return task.apply(t);
        };
        Map<String, CompletableFuture<TargetOutcome>> started = new LinkedHashMap<>();
        List<Target> waiting = new ArrayList<>(targets);
        while (!waiting.isEmpty()) {
            boolean progress = false;
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Target t = it.next();
                List<CompletableFuture<TargetOutcome>> first = new ArrayList<>();
                boolean ready = true;
                for (String before : ordered ? t.after() : List.<String>of()) {
                    boolean inRun = targets.stream().anyMatch(o -> o.environment().equals(before));
                    if (inRun && !started.containsKey(before)) {
                        ready = false;
                    } else if (inRun) {
                        first.add(started.get(before));
                    }
                }
                if (ready) {
                    started.put(t.environment(), executor.after(first, Map.of("environment", t.environment(), "revision", revision),
                            () -> guarded.apply(t)));
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) { // a cycle, which the configuration refuses: run the rest unordered
                waiting.forEach(t -> started.put(t.environment(),
                        executor.submit(Map.of("environment", t.environment(), "revision", revision), () -> guarded.apply(t))));
                waiting.clear();
            }
        }
        List<TargetOutcome> out = new ArrayList<>();
        try {
            for (Target t : targets) {
                out.add(result(started.get(t.environment())));
            }
        } catch (RuntimeException | Error e) {
            abandoned.set(true);
            executor.interruptRunning();
            throw e;
        }
        return out;
    }

    private static TargetOutcome result(CompletableFuture<TargetOutcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.kustos.failure.TransientException("interrupted while reconciling the environments",
                    io.kustos.failure.FailureReason.INTERRUPTED, e);
        }
    }
}
