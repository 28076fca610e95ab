package io.kustos.decrypt;

import io.kustos.config.Decryption;
import io.kustos.decrypt.age.AgeMasterKeys;
import io.kustos.decrypt.pgp.PgpMasterKeys;
import io.kustos.decrypt.sops.SopsDecryptor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    public static List<MasterKeyType> fromConfig(Decryption d) {
        var age = new ArrayList<Path>();
        if (d.ageKeyFile() != null) {
            age.add(d.ageKeyFile());
        }
        return of(age, d.pgpKeyFiles(), d.pgpPassphraseFile());
    }

    /** What render uses: SOPS files opened with the configured keys; a file without MAC is refused. */
    public static Decryptor decryptor(Decryption d) {
        return new SopsDecryptor(fromConfig(d));
    }
}
