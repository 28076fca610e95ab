package io.kustos.cli;

import io.kustos.config.EnvironmentSelection;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code -e/--environment} of rollback and resume, which act on one environment: parsed like
 * {@link EnvironmentsOption} so that several names are refused with a sentence (exit 3), not a
 * usage error.
 */
final class OneEnvironmentOption {
    @Option(names = {"-e", "--environment"}, paramLabel = "ENV", split = ",",
            description = "The environment; required when kustos.yaml has several targets.")
    List<String> names = new ArrayList<>();

    EnvironmentSelection selection() {
        return EnvironmentSelection.of(names);
    }
}
