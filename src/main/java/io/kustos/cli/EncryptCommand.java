package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.sops.CreationRule;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;
import io.kustos.reconcile.KustosException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Encrypt a file with SOPS, following the creation rules of the nearest .sops.yaml above it.",
                "Writes to stdout unless --in-place or --output. OpenPGP recipients need their public key (--key).",
                "Exit 0: encrypted; 2: bad command line; 3: invalid file, no rule or key."})
public final class EncryptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The plaintext file.")
    Path file;

    @Mixin
    SopsKeyOptions keys;

    static final class Target {
        @Option(names = "--in-place", description = "Replace FILE with its encrypted form.")
        boolean inPlace;

        @Option(names = "--output", paramLabel = "F", description = "Write the encrypted file to F.")
        Path output;
    }

    @ArgGroup(exclusive = true)
    Target target;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary (default: by extension).")
    String inputType;

    @Option(names = "--sops-config", paramLabel = ".sops.yaml", description = "The creation rules (default: the nearest .sops.yaml above FILE).")
    Path config;

    private final List<MasterKeyType> extraKeys;
    private final Map<String, String> env;

    public EncryptCommand() {
        this(List.of());
    }

    public EncryptCommand(List<MasterKeyType> extraKeys) {
        this(extraKeys, System.getenv());
    }

    EncryptCommand(List<MasterKeyType> extraKeys, Map<String, String> env) {
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
            byte[] plain = InputFile.read(file);
            byte[] enc = new SopsEncryptor(keys.masterKeys(extraKeys, env)).encrypt(file.toString(), plain, format, rule);
            java.util.Arrays.fill(plain, (byte) 0);
            SopsOutput.write(enc, target == null ? null : (target.inPlace ? file : target.output));
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            System.err.println("error: cannot write the encrypted file (" + e.getClass().getSimpleName() + ")");
            return ExitCodes.INVALID;
        }
    }
}
