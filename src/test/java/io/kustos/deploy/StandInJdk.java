package io.kustos.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in JDK for tests of the launcher ({@code ./kustos}), so that no JVM starts: its release file names a Java
 * version, and its {@code bin/java} writes down its arguments (to {@code calls}, and what it read on stdin to
 * $FAKE_STDIN), writes the files the real one would, sleeps $FAKE_SLEEP seconds and exits $FAKE_RC.
 */
public final class StandInJdk {
    private StandInJdk() {
    }

    /** Makes one at {@code home}; returns {@code home}. */
    public static Path at(Path home, String javaVersion, Path calls) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        Files.writeString(Files.createDirectories(home.resolve("lib/server")).resolve("libjvm.so"), "a libjvm");
        Path java = home.resolve("bin").resolve("java");
        Files.writeString(java, String.join("\n",
                "#!/usr/bin/env bash",
                "echo \"$*\" >> '" + calls + "'",
                "[[ -z ${FAKE_STDIN:-} ]] || cat > \"$FAKE_STDIN\"",
                "for a in \"$@\"; do case $a in",
                "  -XX:ArchiveClassesAtExit=*|-XX:AOTConfiguration=*) [[ \" $* \" == *' -XX:AOTMode=create '* ]] || echo data > \"${a#*=}\" ;;",
                "  -XX:AOTCache=*) [[ \" $* \" == *' -XX:AOTMode=create '* ]] && sleep \"${FAKE_CREATE_SECONDS:-0}\" && echo data > \"${a#*=}\" ;;",
                "esac; done",
                "[[ -z ${FAKE_SLEEP:-} ]] || exec sleep \"$FAKE_SLEEP\"",
                "exit ${FAKE_RC:-0}", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
