package io.kustos.reconcile.preview;

import io.kustos.diff.Diff;
import io.kustos.failure.KustosException;

import java.util.List;
import java.util.Objects;

/**
 * What merging would do to one environment, as {@code kustos preview} found it against the live
 * cluster (nothing written): change nothing, change at once, change only once the environments it
 * follows ({@code after:}) have rolled it out, or be refused.
 *
 * @param diff         what would change (null unless it would change)
 * @param hooks        the pre-deploy hooks of the change
 * @param dryRunWrites how many writes the API server accepted in the server-side dry run
 * @param waitsFor     whom it would wait for, each with why where there is more to say ({@code staging}, {@code staging (it failed at …)})
 * @param error        why it would be refused, or could not be previewed (null unless refused or unavailable)
 */
public record EnvironmentPreview(String environment, Verdict verdict, Diff diff, List<PlannedHook> hooks, int dryRunWrites,
                                 List<String> waitsFor, KustosException error) {
    /** What a merge would do to the environment. */
    public enum Verdict {
        UNCHANGED("no change"),
        CHANGES("would change at once"),
        WAITS("would wait for promotion"),
        REFUSED("would be refused"),
        /** the preview could not run for a reason that may pass (the cluster could not be reached): no verdict on the change */
        UNAVAILABLE("could not be previewed");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /** {@code would change at once}. */
        public String words() {
            return words;
        }
    }

    public EnvironmentPreview {
        Objects.requireNonNull(environment, "environment");
        hooks = List.copyOf(hooks);
        waitsFor = List.copyOf(waitsFor);
    }

    public static EnvironmentPreview unchanged(String environment) {
        return new EnvironmentPreview(environment, Verdict.UNCHANGED, null, List.of(), 0, List.of(), null);
    }

    /** A change, made at once, or once {@code waitsFor} (not empty) have rolled it out. */
    public static EnvironmentPreview changes(String environment, Diff diff, List<PlannedHook> hooks, int dryRunWrites, List<String> waitsFor) {
        return new EnvironmentPreview(environment, waitsFor.isEmpty() ? Verdict.CHANGES : Verdict.WAITS, Objects.requireNonNull(diff, "diff"),
                hooks, dryRunWrites, waitsFor, null);
    }

    /** Refused for {@code error}; or not previewed, when {@code error} may pass on a retry (unreachable, throttled). */
    public static EnvironmentPreview refused(String environment, KustosException error) {
        return new EnvironmentPreview(environment, NotPreviewed.mayPass(error) ? Verdict.UNAVAILABLE : Verdict.REFUSED, null, List.of(), 0, List.of(), Objects.requireNonNull(error, "error"));
    }

    /** It would change, at once or after promotion. */
    public boolean changes() {
        return verdict == Verdict.CHANGES || verdict == Verdict.WAITS;
    }

    /** Could not be previewed, for a reason that may pass on a retry. */
    public boolean unavailable() {
        return verdict == Verdict.UNAVAILABLE;
    }

    /** {@code would wait for staging}, empty unless it waits. */
    public String waitLine() {
        return waitsFor.isEmpty() ? "" : "would wait for " + String.join(", ", waitsFor);
    }
}
