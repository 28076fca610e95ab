package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.sops.CreationRule;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;
import io.kustos.reconcile.KustosException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "updatekeys", mixinStandardHelpOptions = true,
        description = {"Re-encrypt a SOPS file's data key for the recipients of its current creation rule (.sops.yaml).",
                "Values and MAC stay as they are; the file must decrypt with one of your keys. Rewrites FILE in place.",
                "Exit 0: updated; 2: bad command line; 3: invalid file, no rule or key."})
public final class UpdateKeysCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary (default: by extension).")
    String inputType;

    @Option(names = "--sops-config", paramLabel = ".sops.yaml", description = "The creation rules (default: the nearest .sops.yaml above FILE).")
    Path config;

    private final List<MasterKeyType> extraKeys;
    private final Map<String, String> env;

    public UpdateKeysCommand() {
        this(List.of());
    }

    public UpdateKeysCommand(List<MasterKeyType> extraKeys) {
        this(extraKeys, System.getenv());
    }

    UpdateKeysCommand(List<MasterKeyType> extraKeys, Map<String, String> env) {
        this.extraKeys = List.copyOf(extraKeys);
        this.env = env;
    }

    @Override
    public Integer call() {
        SopsFormat format;
        try {
            format = inputType == null ? SopsFormat.forFile(file.toString()) : SopsFormat.named(inputType);
        } catch (IllegalArgumentException e) {
            System.err.println("error: unknown file type (use yaml, json, dotenv, ini or binary)");
            return ExitCodes.USAGE;
        }
        try {
            CreationRule rule = SopsRules.ruleFor(file, config);
            byte[] updated = new SopsEncryptor(keys.masterKeys(extraKeys, env))
                    .updateKeys(file.toString(), InputFile.read(file), format, rule);
            SopsOutput.write(updated, file);
            System.err.println(file + ": data key re-encrypted for " + rule.keyGroups());
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            System.err.println("error: cannot write the file (" + e.getClass().getSimpleName() + ")");
            return ExitCodes.INVALID;
        }
    }
}
