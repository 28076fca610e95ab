package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.sops.CreationRule;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;
import io.kustos.failure.KustosException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What `kustos encrypt` and `kustos updatekeys` share: the file, its type, the keys, the
 * .sops.yaml rule that applies to it, and how failures become exit codes.
 */
final class SopsFileOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary (default: by extension).")
    String inputType;

    @Option(names = "--sops-config", paramLabel = ".sops.yaml", description = "The creation rules (default: the nearest .sops.yaml above FILE).")
    Path config;

    /** One command's work on the file, given its type, its creation rule and an encryptor with the keys. */
    @FunctionalInterface
    interface Work {
        void run(SopsFormat format, CreationRule rule, SopsEncryptor encryptor) throws IOException;
    }

    /** Runs {@code work}; @return the exit code. {@code written} names the output in an I/O error. */
    int run(List<MasterKeyType> extraKeys, Map<String, String> env, String written, Work work) {
        SopsFormat format;
        try {
            format = inputType == null ? SopsFormat.forFile(file.toString()) : SopsFormat.named(inputType);
        } catch (IllegalArgumentException e) {
            System.err.println("error: unknown file type (use yaml, json, dotenv, ini or binary)");
            return ExitCodes.USAGE;
        }
        try {
            work.run(format, SopsRules.ruleFor(file, config), new SopsEncryptor(keys.masterKeys(extraKeys, env)));
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            System.err.println("error: cannot write " + written + " (" + e.getClass().getSimpleName() + ")");
            return ExitCodes.INVALID;
        }
    }
}
