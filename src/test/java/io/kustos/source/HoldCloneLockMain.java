package io.kustos.source;

import java.nio.file.Path;

/**
 * Another process sharing a cache directory: takes the clone lock of {@code args[0]}, prints
 * {@code held}, and keeps it until its standard input ends. Run by {@link SharedCacheDirTest}.
 */
public final class HoldCloneLockMain {
    private HoldCloneLockMain() {
    }

    public static void main(String[] args) throws Exception {
        try (CloneLock ignored = CloneLock.take(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the parent closes our input
            }
        }
    }
}
