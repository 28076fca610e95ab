package io.kustos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A class-data archive of target/kustos.jar for the Kustos JVMs the ITs start ({@link KustosProcess}), as the launcher
 * keeps one for users (README "Start-up"): each JVM then maps the classes parsed and verified once instead of loading
 * them again (most of a short run's CPU; CI runs ~100 such JVMs on two cores). The first apply, diff or run started
 * without one records it as it exits ({@code -XX:ArchiveClassesAtExit}, into a file of its own, then moved into place, so that a JVM never
 * maps half a file); one killed with -9 records nothing, and the next one records. Its name holds the jar's size and
 * time, the JVM's full version and its {@code java.home}, so a rebuilt jar, a JDK updated in place or another vendor's
 * build records anew (a JVM would reject the old archive silently: its messages are off); an archive recorded deletes the
 * others of the directory, stale since. The JVM's own messages about it are off, as the launcher's are: a run's output
 * is the command's.
 */
final class ItClassData {
    /** The archives being recorded by a JVM of this one: one at a time each. */
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();
    private static final List<String> QUIET = List.of("-Xlog:cds*=off", "-Xlog:class+path=off");

    private ItClassData() {
    }

    /** The JVM flags of the next start, and what to do when that process ends. */
    record Use(List<String> flags, Runnable onExit) {
    }

    /** @param command the Kustos command ({@code apply}, {@code run}, ...): only apply, diff and run record (a version loads too little) */
    static Use next(Path jar, String command) {
        return next(jar, command, jar.resolveSibling("it-class-data"));
    }

    /** As {@link #next(Path, String)}, with the archive kept in {@code dir} (a test that must record passes a fresh one). */
    static Use next(Path jar, String command, Path dir) {
        Path archive = archive(jar, dir);
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
        if (!List.of("apply", "diff", "run").contains(command) || !RECORDING.add(archive)) {
            return new Use(List.of(), () -> { });
        }
        Path target = archive;
        Path partial = target.resolveSibling(".partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsa");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            RECORDING.remove(target);
            return new Use(List.of(), () -> { });
        }
        return new Use(concat(QUIET, List.of("-XX:ArchiveClassesAtExit=" + partial, "-XX:+DisplayVMOutputToStderr")), () -> {
            try {
                if (Files.exists(partial) && Files.size(partial) > 0) {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    deleteAllBut(target);
                }
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                RECORDING.remove(target);
            }
        });
    }

    /** The archive's path, or null when the jar cannot be read (then the JVM runs without one). */
    static Path archive(Path jar, Path dir) {
        try {
            String jdk = (Runtime.version() + "-" + Integer.toHexString(System.getProperty("java.home").hashCode())).replaceAll("[^A-Za-z0-9.+_-]", "_");
            return dir.resolve("kustos-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + "-" + jdk + ".jsa");
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes the directory's other archives: of an earlier jar or another JDK (each build re-shades the jar). */
    private static void deleteAllBut(Path archive) throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!f.equals(archive) && name.startsWith("kustos-") && name.endsWith(".jsa")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
