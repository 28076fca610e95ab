package io.kustos.cli;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.MasterKeyType;
import io.kustos.config.ConfigLoader;
import io.kustos.config.Decryption;
import io.kustos.decrypt.KeyRing;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key files a command is given: {@code --key FILE} (an age identity file or an OpenPGP key,
 * told apart by content; repeatable), {@code --pgp-passphrase-file}, SOPS_AGE_KEY_FILE, and the
 * {@code decryption} of a kustos.yaml. {@link SopsKeyOptions} adds {@code -c} for the sops
 * commands; {@code kustos validate} has its own.
 */
public class KeyFileOptions {
    @Option(names = "--key", paramLabel = "KEYFILE",
            description = "An age identity file or an armored OpenPGP key (secret, or public for encrypting); repeatable. "
                    + "SOPS_AGE_KEY_FILE is read too.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--pgp-passphrase-file", paramLabel = "FILE", description = "The passphrase of the OpenPGP secret keys.")
    Path pgpPassphraseFile;

    /** The keys of --key, SOPS_AGE_KEY_FILE and {@code config} (a kustos.yaml, when not null and it exists), plus {@code extra}. */
    List<MasterKeyType> masterKeys(List<MasterKeyType> extra, Map<String, String> env, Path config) {
        Sources s = sources(env, config);
        List<MasterKeyType> out = new ArrayList<>(extra);
        out.addAll(KeyRing.of(s.age(), s.pgp(), s.passphrase()));
        return out;
    }

    /** Whether --key, SOPS_AGE_KEY_FILE or {@code config} (a kustos.yaml, when not null and it exists) names any key file. */
    boolean anyKey(Map<String, String> env, Path config) {
        Sources s = sources(env, config);
        return !s.age().isEmpty() || !s.pgp().isEmpty();
    }

    /** The key files given, by kind. */
    private record Sources(List<Path> age, List<Path> pgp, Path passphrase) {
    }

    private Sources sources(Map<String, String> env, Path config) {
        List<Path> age = new ArrayList<>();
        List<Path> pgp = new ArrayList<>();
        Path passphrase = pgpPassphraseFile;
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
        if (config != null && Files.isRegularFile(config)) {
            Decryption d = ConfigLoader.load(config, env).decryption();
            if (d.ageKeyFile() != null && !age.contains(d.ageKeyFile())) {
                age.add(d.ageKeyFile());
            }
            pgp.addAll(d.pgpKeyFiles());
            passphrase = passphrase != null ? passphrase : d.pgpPassphraseFile();
        }
        return new Sources(age, pgp, passphrase);
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new DecryptionException(p + ": cannot read the key file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
