package io.kustos.cli;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.sops.CreationRule;
import io.kustos.decrypt.sops.CreationRules;

import java.nio.file.Path;

/** Finds the creation rule for a file: the nearest .sops.yaml above it, or one given. */
final class SopsRules {
    private SopsRules() {
    }

    static CreationRule ruleFor(Path file, Path config) {
        Path conf = config != null ? config : CreationRules.find(file).orElseThrow(() ->
                new DecryptionException(file + ": no .sops.yaml found in its folder or above"));
        return CreationRules.load(conf).forFile(file).orElseThrow(() ->
                new DecryptionException(file + ": no creation rule in " + conf + " matches this file"));
    }
}
