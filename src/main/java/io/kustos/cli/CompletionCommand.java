package io.kustos.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code kustos completion}: picocli's completion script for bash and zsh, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash and zsh.",
                "Load it in the current shell with: source <(kustos completion).",
                "Keep it: kustos completion > /etc/bash_completion.d/kustos (bash), or source it from ~/.zshrc (zsh)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("kustos", spec.root().commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
