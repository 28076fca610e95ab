package io.kustos.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Commit signature verification for one source ({@code verify:} under the source): only a branch
 * head signed by one of these OpenPGP keys is applied.
 *
 * @param trustedKeyFiles files of armored (or binary) OpenPGP public keys; each may hold several
 *                        keys. Read again at every poll, so a key added or removed counts from the
 *                        next poll on.
 */
public record SignatureVerification(List<Path> trustedKeyFiles) {
    public SignatureVerification {
        trustedKeyFiles = trustedKeyFiles == null ? List.of() : List.copyOf(trustedKeyFiles);
    }
}
