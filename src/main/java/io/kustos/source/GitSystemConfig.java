package io.kustos.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where git keeps its system-wide config on Linux ({@code git config --system}: proxies, CA files, {@code insteadOf}
 * rewrites a machine's admin set), found without running git where the answer is certain.
 *
 * <p>JGit finds it by running the git on the PATH twice ({@code git --version}, then {@code git config --system
 * --show-origin --list -z}), for each repository opened at once (its answer is not shared between threads that ask
 * together): four processes, ~30-50 ms, in every {@code kustos apply} and {@code diff} (docs/benchmarks.md "CLI start").
 * The answer is certain in these cases, as git reads it:
 * <ul>
 *   <li>{@code $GIT_CONFIG_SYSTEM} set (git 2.32+): that file; set but empty, none (git reads no file of that name);</li>
 *   <li>no git on the PATH (the image): none, as JGit decides too;</li>
 *   <li>the PATH's git is the distributions' ({@code /usr/bin/git} or {@code /bin/git}, links resolved):
 *       {@code /etc/gitconfig}.</li>
 * </ul>
 * Any other git (under {@code /usr/local}, Homebrew's, Nix's, whose build reads {@code /etc/gitconfig}, a shim or
 * wrapper script in front of another git) may be built to read another file, so JGit asks it as before.
 * {@code GIT_CONFIG_NOSYSTEM} is JGit's to honour: it reads no system config then, whatever is set here. Elsewhere
 * (macOS, whose {@code /usr/bin/git} is a shim of Xcode's; Windows) JGit asks git as before.
 */
final class GitSystemConfig {
    private GitSystemConfig() {
    }

    /** A certain answer: the file git reads (it need not exist), or null for none. */
    record Known(File file) {
    }

    /** Whether this JVM runs on Linux, where {@link #onLinux} may know the answer. */
    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    }

    /** The system config git on this Linux machine reads, when certain; null when only git can tell (JGit asks it). */
    static Known onLinux(Function<String, String> env) {
        String named = env.apply("GIT_CONFIG_SYSTEM");
        if (named != null) {
            return new Known(named.isEmpty() ? null : new File(named));
        }
        File git = onPath(env.apply("PATH"));
        if (git == null) {
            return new Known(null);
        }
        Path real;
        try {
            real = git.toPath().toRealPath();
        } catch (IOException e) {
            return null;
        }
        return real.equals(Path.of("/usr/bin/git")) || real.equals(Path.of("/bin/git")) ? new Known(new File("/etc/gitconfig")) : null;
    }

    /** The first {@code git} on the PATH that can be run, as JGit and the shell find it. */
    private static File onPath(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File git = new File(dir.isEmpty() ? "." : dir, "git");
            if (git.isFile() && git.canExecute()) {
                return git.isAbsolute() ? git : git.getAbsoluteFile();
            }
        }
        return null;
    }
}
