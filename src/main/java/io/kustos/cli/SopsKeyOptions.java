package io.kustos.cli;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.pgp.PgpMasterKeys;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key options of the sops commands: {@code --key FILE} (an age identity file or an OpenPGP
 * key, told apart by content; repeatable), {@code --pgp-passphrase-file}, and SOPS_AGE_KEY_FILE.
 */
public final class SopsKeyOptions {
    @Option(names = "--key", paramLabel = "KEYFILE",
            description = "An age identity file or an armored OpenPGP key (secret, or public for encrypting); repeatable. "
                    + "SOPS_AGE_KEY_FILE is read too.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--pgp-passphrase-file", paramLabel = "FILE", description = "The passphrase of the OpenPGP secret keys.")
    Path pgpPassphraseFile;

    /** The master key types from the options and the environment, plus {@code extra}. */
    List<MasterKeyType> masterKeys(List<MasterKeyType> extra, Map<String, String> env) {
        List<Path> age = new ArrayList<>();
        List<Path> pgp = new ArrayList<>();
        for (Path k : keys) {
            String text = read(k);
            if (text.contains("-----BEGIN PGP ")) {
                pgp.add(k);
            } else if (text.contains("AGE-SECRET-KEY-")) {
                age.add(k);
            } else {
                throw new DecryptionException(k + ": neither an age identity file (AGE-SECRET-KEY-…) nor an armored OpenPGP key");
            }
        }
        String envAge = env.get("SOPS_AGE_KEY_FILE");
        if (envAge != null && !envAge.isBlank()) {
            age.add(Path.of(envAge));
        }
        List<MasterKeyType> out = new ArrayList<>(extra);
        boolean haveAge = extra.stream().anyMatch(t -> t.name().equals("age"));
        boolean havePgp = extra.stream().anyMatch(t -> t.name().equals("pgp"));
        Optional<AgeKeyLoader> loader = AgeSupport.loader();
        if (!haveAge) {
            if (loader.isPresent()) {
                out.add(loader.get().load(age));
            } else if (!age.isEmpty()) {
                throw new DecryptionException("age keys are not supported by this build of kustos (" + age.get(0) + ")");
            }
        }
        if (!havePgp) {
            out.add(PgpMasterKeys.fromFiles(pgp, pgpPassphraseFile));
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new DecryptionException(p + ": cannot read the key file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
