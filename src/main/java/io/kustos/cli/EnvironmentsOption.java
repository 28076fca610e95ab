package io.kustos.cli;

import io.kustos.config.EnvironmentSelection;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code -e/--environment} of diff, apply and history: some environments only, repeated or comma-separated. */
final class EnvironmentsOption {
    @Option(names = {"-e", "--environment"}, paramLabel = "ENV", split = ",",
            description = "Only this environment; repeat it or separate names with commas for several (default: all).")
    List<String> names = new ArrayList<>();

    EnvironmentSelection selection() {
        return EnvironmentSelection.of(names);
    }
}
