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
 * @param ageKeyFileFromEnvironment the age key file came from SOPS_AGE_KEY_FILE, kustos.yaml naming none
 */
public record Decryption(Path ageKeyFile, List<Path> pgpKeyFiles, Path pgpPassphraseFile, @Derived boolean ageKeyFileFromEnvironment) {
    public static final Decryption NONE = new Decryption(null, List.of(), null);

    public Decryption {
        pgpKeyFiles = pgpKeyFiles == null ? List.of() : List.copyOf(pgpKeyFiles);
    }

    /** Keys as kustos.yaml names them. */
    public Decryption(Path ageKeyFile, List<Path> pgpKeyFiles, Path pgpPassphraseFile) {
        this(ageKeyFile, pgpKeyFiles, pgpPassphraseFile, false);
    }

    /** Where the age key file was set, for messages: the kustos.yaml field, or SOPS_AGE_KEY_FILE. */
    public String ageKeyFileSetting() {
        return ageKeyFileFromEnvironment ? ConfigBinder.SOPS_AGE_KEY_FILE + " (kustos.yaml sets no decryption.ageKeyFile)"
                : "kustos.yaml: decryption.ageKeyFile";
    }
}
