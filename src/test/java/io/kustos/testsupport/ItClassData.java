package io.kustos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data archive of target/kustos.jar for the Kustos JVMs the ITs start ({@link KustosProcess}), as the launcher
 * keeps one for users (README "Start-up"): each JVM then maps the classes parsed and verified once instead of loading
 * them again (most of a short run's CPU; CI runs ~100 such JVMs on two cores). The first apply, diff or run started
 * without one records it as it exits ({@code -XX:ArchiveClassesAtExit}, into a file of its own, then moved into place, so that a JVM never
 * maps half a file); one killed with -9 records nothing, and the next one records. Its name holds the jar's size and
 * time and the JVM's version, so a rebuilt jar or another JDK records anew. The JVM's own messages about it are off,
 * as the launcher's are: a run's output is the command's.
 */
final class ItClassData {
    private static final AtomicBoolean RECORDING = new AtomicBoolean();
    private static final List<String> QUIET = List.of("-Xlog:cds*=off", "-Xlog:class+path=off");

    private ItClassData() {
    }

    /** The JVM flags of the next start, and what to do when that process ends. */
    record Use(List<String> flags, Runnable onExit) {
    }

    /** @param command the Kustos command ({@code apply}, {@code run}, ...): only apply, diff and run record (a version loads too little) */
    static Use next(Path jar, String command) {
        Path archive = archive(jar);
        if (archive == null) {
            return new Use(List.of(), () -> { });
        }
        try {
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new Use(concat(QUIET, List.of("-XX:SharedArchiveFile=" + archive)), () -> { });
            }
        } catch (IOException e) {
            return new Use(List.of(), () -> { });
        }
        if (!List.of("apply", "diff", "run").contains(command) || !RECORDING.compareAndSet(false, true)) {
            return new Use(List.of(), () -> { });
        }
        Path target = archive;
        Path partial = target.resolveSibling(".partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsa");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            RECORDING.set(false);
            return new Use(List.of(), () -> { });
        }
        return new Use(concat(QUIET, List.of("-XX:ArchiveClassesAtExit=" + partial, "-XX:+DisplayVMOutputToStderr")), () -> {
            try {
                if (Files.exists(partial) && Files.size(partial) > 0) {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                RECORDING.set(false);
            }
        });
    }

    /** The archive's path, or null when the jar cannot be read (then the JVM runs without one). */
    private static Path archive(Path jar) {
        try {
            return jar.resolveSibling("it-class-data").resolve("kustos-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis()
                    + "-" + Runtime.version().feature() + ".jsa");
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
