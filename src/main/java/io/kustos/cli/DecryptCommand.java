package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.decrypt.sops.SopsFormat;
import io.kustos.failure.KustosException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {"Decrypt a SOPS file (YAML, JSON, dotenv, INI, binary) to stdout, the MAC verified.",
                "Exit 0: decrypted; 2: bad command line; 3: invalid file, no key, or tampered."})
public final class DecryptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file (a regular file, at most 5 MiB).")
    Path file;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary (default: by extension).")
    String inputType;

    @Option(names = "--output-type", paramLabel = "TYPE", description = "yaml, json or dotenv (default: the input's).")
    String outputType;

    @Option(names = "--ignore-missing-mac", description = "Decrypt a file that has no MAC at all (sops before 2.0); a wrong MAC is still refused.")
    boolean ignoreMissingMac;

    private final List<MasterKeyType> extraKeys;
    private final Map<String, String> env;
    /** null: System.out at the time of the call. */
    private final PrintStream out;

    public DecryptCommand() {
        this(List.of());
    }

    /** With master keys from elsewhere (kustos.yaml's decryption keys), used besides --key. */
    public DecryptCommand(List<MasterKeyType> extraKeys) {
        this(extraKeys, System.getenv(), null);
    }

    DecryptCommand(List<MasterKeyType> extraKeys, Map<String, String> env, PrintStream out) {
        this.extraKeys = List.copyOf(extraKeys);
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() {
        SopsFormat in;
        SopsFormat target;
        try {
            in = inputType == null ? SopsFormat.forFile(file.toString()) : SopsFormat.named(inputType);
            target = outputType == null ? in : SopsFormat.named(outputType);
        } catch (IllegalArgumentException e) {
            System.err.println("error: unknown file type (use yaml, json, dotenv, ini or binary)");
            return ExitCodes.USAGE;
        }
        try {
            var decryptor = new SopsDecryptor(keys.masterKeys(extraKeys, env), ignoreMissingMac);
            String name = file.toString();
            var opened = decryptor.open(name, InputFile.read(file), in);
            java.util.Arrays.fill(opened.dataKey(), (byte) 0);
            PrintStream o = out != null ? out : System.out;
            o.write(target.writePlain(opened.documents(), name));
            o.flush();
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            System.err.println("error: cannot write the output");
            return ExitCodes.INVALID;
        }
    }
}
