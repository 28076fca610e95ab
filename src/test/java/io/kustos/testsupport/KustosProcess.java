package io.kustos.testsupport;

import io.kustos.work.FaultArming;
import io.kustos.work.FaultPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar target/kustos.jar COMMAND --config <kustos.yaml> --kubeconfig <cluster>} in a
 * JVM of its own, optionally stopped at a {@link FaultPoint} (armed by {@code KUSTOS_FAULT_POINT}
 * in its environment), so that a test can kill it with kill -9 and start it again. Its stdout and
 * stderr go to files under {@code dir}. It maps the ITs' class-data archive of the jar ({@link ItClassData}).
 */
public final class KustosProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/kustos.jar").toAbsolutePath();
    private final Process process;
    private final Path out;
    private final Path err;

    private KustosProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * @param fault {@code <point>[:<n>]} to stop at (blocking there), or null for none
     * @param name  names the output files, e.g. {@code first}
     */
    public static KustosProcess start(KustosHarness h, Path dir, String name, String fault, String command, String... more) {
        return startWith(dir, name, fault == null ? Map.of() : Map.of(FaultArming.VARIABLE, fault), args(h, command, more));
    }

    /** {@code COMMAND --config <kustos.yaml> --kubeconfig <cluster> MORE}: the arguments of {@link #start}. */
    static List<String> args(KustosHarness h, String command, String... more) {
        var args = new ArrayList<>(List.of(command, "--config", h.kustosYaml().toString(), "--kubeconfig", h.cluster().kubeconfig().toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** {@code kustos ARGS} with these environment variables (the fault variables only as given). */
    public static KustosProcess startWith(Path dir, String name, Map<String, String> env, List<String> kustosArgs) {
        var classData = ItClassData.next(JAR, kustosArgs.stream().filter(a -> !a.startsWith("-")).findFirst().orElse(""));
        return startWith(dir, name, env, classData, List.of(), kustosArgs);
    }

    /** {@code kustos ARGS} with this class-data archive and these JVM flags besides (a test of the archive). */
    static KustosProcess startWith(Path dir, String name, ItClassData.Use classData, List<String> jvmFlags, List<String> kustosArgs) {
        return startWith(dir, name, Map.of(), classData, jvmFlags, kustosArgs);
    }

    private static KustosProcess startWith(Path dir, String name, Map<String, String> env, ItClassData.Use classData, List<String> jvmFlags,
                                           List<String> kustosArgs) {
        var args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        args.addAll(classData.flags());
        args.addAll(jvmFlags);
        args.addAll(List.of("-jar", JAR.toString()));
        args.addAll(kustosArgs);
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            var pb = new ProcessBuilder(args).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove(FaultArming.VARIABLE);
            pb.environment().remove(FaultArming.ACTION_VARIABLE);
            pb.environment().putAll(env);
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                classData.onExit().run();
                throw e;
            }
            process.onExit().thenRun(classData.onExit());
            return new KustosProcess(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process says it stopped at its fault point (and is still there, blocked). */
    public void awaitFaultPoint(Duration timeout) {
        await("kustos to reach its fault point").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("kustos exited " + process.exitValue() + " before its fault point:\n" + printed());
            }
            return stderr().contains(FaultArming.ANNOUNCED);
        });
    }

    /** kill -9, and waits until it is gone. */
    public void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("kustos is still running 30 s after kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM (a pod stopped): it shuts down gracefully; {@link #awaitExit} waits for it. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end. @return its exit code */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("kustos did not finish within " + timeout.toSeconds() + " s:\n" + printed());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The process id, as Kustos names itself in a write lock's holder ({@code … pid N}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    /** Both outputs, for assertion messages. */
    public String printed() {
        return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }
}
