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
 * @param configFile     the name of the agent's configuration file in messages (kustos.yaml, or the file -c names)
 */
public record Decryption(Path ageKeyFile, List<Path> pgpKeyFiles, Path pgpPassphraseFile, @Derived boolean ageKeyFileFromEnvironment,
                         @Derived String configFile) {
    static final String DEFAULT_CONFIG_FILE = "kustos.yaml";
    public static final Decryption NONE = new Decryption(null, List.of(), null);

    public Decryption {
        pgpKeyFiles = pgpKeyFiles == null ? List.of() : List.copyOf(pgpKeyFiles);
        configFile = configFile == null ? DEFAULT_CONFIG_FILE : configFile;
    }

    /** Keys as kustos.yaml names them. */
    public Decryption(Path ageKeyFile, List<Path> pgpKeyFiles, Path pgpPassphraseFile) {
        this(ageKeyFile, pgpKeyFiles, pgpPassphraseFile, false);
    }

    public Decryption(Path ageKeyFile, List<Path> pgpKeyFiles, Path pgpPassphraseFile, boolean ageKeyFileFromEnvironment) {
        this(ageKeyFile, pgpKeyFiles, pgpPassphraseFile, ageKeyFileFromEnvironment, DEFAULT_CONFIG_FILE);
    }

    /** Where the age key file was set, for messages: the config file's field, or SOPS_AGE_KEY_FILE. */
    public String ageKeyFileSetting() {
        return ageKeyFileFromEnvironment ? ConfigBinder.SOPS_AGE_KEY_FILE + " (" + configFile + " sets no decryption.ageKeyFile)"
                : configFile + ": decryption.ageKeyFile";
    }

    /**
     * Where this machine's SOPS keys come from and what to do when none opens a file, for the
     * wrong-key and no-key errors.
     */
    public String keySourcesAdvice() {
        String age = ageKeyFile == null
                ? "No age key file is set (" + configFile + ": decryption.ageKeyFile, or " + ConfigBinder.SOPS_AGE_KEY_FILE + ")"
                : "The age keys are read from " + ageKeyFile + " (" + ageKeyFileSetting() + ")";
        String pgp = pgpKeyFiles.isEmpty() ? "no OpenPGP key files (" + configFile + ": decryption.pgpKeyFiles)"
                : "the OpenPGP keys from " + configFile + ": decryption.pgpKeyFiles";
        return age + ", " + pgp + ". Give Kustos the private key of one of the recipients listed there, or re-encrypt the file"
                + " for this machine's key with `kustos updatekeys` (after adding its public key to .sops.yaml)";
    }
}
