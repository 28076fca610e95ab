package io.kustos.decrypt.sops;

import io.kustos.decrypt.pgp.PgpMasterKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sops interop vectors in the shared directory ({@link io.kustos.testsupport.SharedDir}) and their OpenPGP test key. */
final class Interop {
    static final Path DIR = io.kustos.testsupport.SharedDir.resolve("interop", "sops");

    private Interop() {
    }

    static PgpMasterKeys key() {
        return PgpMasterKeys.fromFiles(List.of(DIR.resolve("sops_functional_tests_key.asc")), null);
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(read(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
