package io.kustos.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Keys for SOPS-encrypted files. Decryption itself arrives with the encryption issue; the
 * fields are read and validated now so kustos.yaml does not change shape later.
 *
 * @param ageKeyFile     an age identity file (several keys and comments allowed)
 * @param pgpKeyFiles    armored OpenPGP secret keys
 * @param pgpPassphraseFile passphrase for the OpenPGP keys, if they have one
 */
public record Decryption(Path ageKeyFile, List<Path> pgpKeyFiles, Path pgpPassphraseFile) {
    public static final Decryption NONE = new Decryption(null, List.of(), null);

    public Decryption {
        pgpKeyFiles = pgpKeyFiles == null ? List.of() : List.copyOf(pgpKeyFiles);
    }
}
