package io.kustos.cli;

import io.kustos.decrypt.age.X25519Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * {@code kustos keygen}: a new age X25519 identity in the format of {@code age-keygen}, for
 * {@code decryption.ageKeyFile}. The secret goes only to stdout or to a new 0600 file.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate a new age identity (X25519), like age-keygen.",
                "Writes it to stdout, or to a new file readable only by you with --output.",
                "The public key (age1...) is printed to stderr; put it in .sops.yaml."})
public final class KeygenCommand implements Callable<Integer> {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the identity to FILE, created with permissions 0600; an existing FILE is never overwritten.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        X25519Identity identity = X25519Identity.generate(new SecureRandom());
        String content = "# created: " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(RFC3339) + "\n"
                + "# public key: " + identity.recipient() + "\n"
                + identity.encodeSecret() + "\n";
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(content);
            out.flush();
        } else {
            try {
                writeNewPrivateFile(output, content);
            } catch (FileAlreadyExistsException e) {
                err.println("kustos keygen: " + output + " already exists; not overwriting it");
                return ExitCodes.USAGE;
            } catch (IOException e) {
                err.println("kustos keygen: cannot write " + output + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
                return ExitCodes.INVALID;
            }
        }
        err.println("Public key: " + identity.recipient());
        err.flush();
        return ExitCodes.OK;
    }

    /** Creates {@code file} (never replacing one) as 0600 from the start, then writes it. */
    private static void writeNewPrivateFile(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
