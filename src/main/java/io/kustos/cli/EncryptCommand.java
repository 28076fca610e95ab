package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Encrypt a file with SOPS, following the creation rules of the nearest .sops.yaml above it.",
                "Writes to stdout unless --in-place or --output. OpenPGP recipients need their public key (--key).",
                "Exit 0: encrypted; 2: bad command line; 3: invalid file, no rule or key."})
public final class EncryptCommand implements Callable<Integer> {
    @Mixin
    SopsFileOptions input;

    static final class Target {
        @Option(names = "--in-place", description = "Replace FILE with its encrypted form.")
        boolean inPlace;

        @Option(names = "--output", paramLabel = "F", description = "Write the encrypted file to F.")
        Path output;
    }

    @ArgGroup(exclusive = true)
    Target target;

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
        return input.run(extraKeys, env, "the encrypted file", (format, rule, encryptor) -> {
            Path file = input.file;
            byte[] plain = InputFile.read(file);
            byte[] enc = encryptor.encrypt(file.toString(), plain, format, rule);
            java.util.Arrays.fill(plain, (byte) 0);
            SopsOutput.write(enc, target == null ? null : (target.inPlace ? file : target.output));
        });
    }
}
