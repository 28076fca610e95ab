package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The key options of the sops commands: those of {@link KeyFileOptions}, and {@code -c} (default
 * kustos.yaml), whose {@code decryption} keys are used when it exists.
 */
public final class SopsKeyOptions extends KeyFileOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "kustos.yaml",
            description = "Also use the decryption keys of this kustos.yaml, when it exists (default: ${DEFAULT-VALUE}).")
    Path config;

    /** The keys of --key, SOPS_AGE_KEY_FILE and kustos.yaml (when it exists), plus {@code extra}. */
    List<MasterKeyType> masterKeys(List<MasterKeyType> extra, Map<String, String> env) {
        return masterKeys(extra, env, config);
    }
}
