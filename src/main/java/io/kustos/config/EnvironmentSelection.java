package io.kustos.config;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environments a command acts on ({@code kustos apply -e staging}): every target of
 * kustos.yaml when none is named, else the named ones, in kustos.yaml's order (a name given twice
 * counts once). A name kustos.yaml does not define is refused, naming the file and the environments
 * it defines, before anything is done.
 *
 * @param names the names given, in their order; empty for all
 */
public record EnvironmentSelection(Set<String> names) {
    public static final EnvironmentSelection ALL = new EnvironmentSelection(Set.of());

    public EnvironmentSelection {
        names = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    public static EnvironmentSelection of(Collection<String> names) {
        return names == null ? ALL : new EnvironmentSelection(new LinkedHashSet<>(names));
    }

    public boolean isAll() {
        return names.isEmpty();
    }

    /**
     * The configuration with only the selected targets, so that nothing else is rendered, read,
     * written or recorded.
     *
     * @param file kustos.yaml as the command line names it, for the error
     */
    public KustosConfig applyTo(KustosConfig cfg, String file) {
        return isAll() ? cfg : cfg.withTargets(targets(cfg, file));
    }

    /** The selected targets, in kustos.yaml's order. */
    public List<Target> targets(KustosConfig cfg, String file) {
        Set<String> defined = cfg.targets().stream().map(Target::environment).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> unknown = names.stream().filter(n -> !defined.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new StallingException("--environment: " + file + " has no environment" + (unknown.size() == 1 ? " " : "s ")
                    + quoted(unknown) + " (it defines " + String.join(", ", defined) + ")", FailureReason.INVALID_CONFIG);
        }
        return cfg.targets().stream().filter(t -> isAll() || names.contains(t.environment())).toList();
    }

    /**
     * For a command that acts on one environment (rollback, resume): the one named, or the only
     * target of kustos.yaml when none is named.
     *
     * @param command the command, for the error ({@code kustos rollback})
     */
    public Target one(KustosConfig cfg, String file, String command) {
        List<Target> targets = targets(cfg, file);
        if (targets.size() == 1) {
            return targets.get(0);
        }
        String defined = String.join(", ", cfg.targets().stream().map(Target::environment).toList());
        throw new StallingException(isAll()
                ? command + " acts on one environment: name it with --environment (" + file + " defines " + defined + ")"
                : command + " acts on one environment at a time, not " + quoted(List.copyOf(names)) + ": give --environment once", FailureReason.INVALID_CONFIG);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }
}
