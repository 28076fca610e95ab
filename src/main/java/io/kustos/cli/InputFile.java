package io.kustos.cli;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.sops.SopsDecryptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads a file the sops commands work on: a regular file (no symlink), at most 5 MiB. */
final class InputFile {
    private InputFile() {
    }

    static byte[] read(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new DecryptionException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (attrs.isSymbolicLink()) {
            throw new DecryptionException(file + ": is a symlink; Kustos reads only regular files");
        }
        if (!attrs.isRegularFile()) {
            throw new DecryptionException(file + ": is not a regular file; Kustos reads only regular files");
        }
        if (attrs.size() > SopsDecryptor.MAX_BYTES) {
            throw new DecryptionException(file + ": format error: the file is " + attrs.size() + " bytes, over the limit of 5 MiB");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DecryptionException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
