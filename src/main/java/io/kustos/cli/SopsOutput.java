package io.kustos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes an encrypted file to stdout, or atomically to a path (a temp file beside it, then a rename). */
final class SopsOutput {
    private SopsOutput() {
    }

    /** Only encrypted bytes come here: nothing secret reaches the temp file. */
    static void write(byte[] encrypted, Path to) throws IOException {
        if (to == null) {
            System.out.write(encrypted);
            System.out.flush();
            return;
        }
        Path abs = to.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.write(tmp, encrypted);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
