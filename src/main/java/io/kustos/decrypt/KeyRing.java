package io.kustos.decrypt;

import io.kustos.config.Decryption;
import io.kustos.decrypt.age.AgeMasterKeys;
import io.kustos.decrypt.pgp.PgpMasterKeys;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.decrypt.sops.SopsException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * This machine's SOPS master keys: age identities and OpenPGP secret keys, read from files. The
 * reconciler builds it from kustos.yaml ({@code decryption:}, with SOPS_AGE_KEY_FILE already
 * folded in by the loader); the sops commands add their {@code --key} files.
 */
public final class KeyRing {
    private KeyRing() {
    }

    public static List<MasterKeyType> of(List<Path> ageIdentityFiles, List<Path> pgpKeyFiles, Path pgpPassphraseFile) {
        return List.of(new AgeMasterKeys(List.copyOf(ageIdentityFiles)), PgpMasterKeys.fromFiles(List.copyOf(pgpKeyFiles), pgpPassphraseFile));
    }

    /** @throws DecryptionException naming the setting (kustos.yaml field or SOPS_AGE_KEY_FILE) of a key file that cannot be read */
    public static List<MasterKeyType> fromConfig(Decryption d) {
        AgeMasterKeys age;
        try {
            age = new AgeMasterKeys(d.ageKeyFile() == null ? List.of() : List.of(d.ageKeyFile()));
        } catch (DecryptionException e) {
            throw new DecryptionException(d.ageKeyFileSetting() + ": " + unreadableAgeKeyFile(d, e));
        }
        return List.of(age, PgpMasterKeys.fromFiles(d.pgpKeyFiles(), d.pgpPassphraseFile()));
    }

    /**
     * Why {@code d}'s age key file cannot be read, and what to do, without the setting's name
     * ({@link Decryption#ageKeyFileSetting()}); empty when it can be read or none is set.
     */
    public static Optional<String> ageKeyFileProblem(Decryption d) {
        if (d.ageKeyFile() == null) {
            return Optional.empty();
        }
        try {
            new AgeMasterKeys(List.of(d.ageKeyFile()));
            return Optional.empty();
        } catch (DecryptionException e) {
            return Optional.of(unreadableAgeKeyFile(d, e));
        }
    }

    private static String unreadableAgeKeyFile(Decryption d, DecryptionException e) {
        return e.getMessage() + ". Point " + (d.ageKeyFileFromEnvironment() ? "SOPS_AGE_KEY_FILE or decryption.ageKeyFile" : "decryption.ageKeyFile")
                + " at the age key file (AGE-SECRET-KEY-1…) whose public key the repo's .sops.yaml encrypts to.";
    }

    /** What render uses: SOPS files opened with the configured keys; a file without MAC is refused. */
    public static Decryptor decryptor(Decryption d) {
        var sops = new SopsDecryptor(fromConfig(d));
        return (file, encrypted) -> {
            try {
                return sops.decrypt(file, encrypted);
            } catch (SopsException e) {
                throw e.errorKind() == SopsException.Kind.KEY ? e.withAdvice(d.keySourcesAdvice()) : e;
            }
        };
    }
}
