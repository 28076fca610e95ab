package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "updatekeys", mixinStandardHelpOptions = true,
        description = {"Re-encrypt a SOPS file's data key for the recipients of its current creation rule (.sops.yaml).",
                "Values and MAC stay as they are; the file must decrypt with one of your keys. Rewrites FILE in place.",
                "Exit 0: updated; 2: bad command line; 3: invalid file, no rule or key."})
public final class UpdateKeysCommand implements Callable<Integer> {
    @Mixin
    SopsFileOptions input;

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
        return input.run(extraKeys, env, "the file", (format, rule, encryptor) -> {
            Path file = input.file;
            byte[] updated = encryptor.updateKeys(file.toString(), InputFile.read(file), format, rule);
            SopsOutput.write(updated, file);
            System.err.println(file + ": data key re-encrypted for " + rule.keyGroups());
        });
    }
}
