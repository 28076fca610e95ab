package io.kustos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to its end and measures it: wall time, and peak resident memory and CPU time (user + system)
 * through GNU {@code /usr/bin/time} when present (null otherwise). Standard input, if any, is piped, never
 * written to a file.
 */
final class ProcessRun {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    record Result(int exit, double wallSeconds, Double peakRssMiB, Double cpuSeconds, String stdout, String stderr) {
        Result requireSuccess(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " exited " + exit + ":\n" + tail(stdout) + tail(stderr));
            }
            return this;
        }

        private static String tail(String s) {
            return s.length() > 4000 ? "…" + s.substring(s.length() - 4000) : s;
        }
    }

    private ProcessRun() {
    }

    static Result run(List<String> command, byte[] stdin, Path workDir) {
        try {
            Path timeOut = Files.createTempFile(workDir, "time-", ".txt");
            var cmd = new ArrayList<String>();
            boolean timed = Files.isExecutable(GNU_TIME);
            if (timed) {
                cmd.addAll(List.of(GNU_TIME.toString(), "-f", GnuTime.FORMAT, "-o", timeOut.toString()));
            }
            cmd.addAll(command);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).start();
            var out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the command stopped reading (it failed): its exit code and output say why
            }
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 minutes");
            }
            double wall = (System.nanoTime() - start) / 1e9;
            GnuTime time = timed ? GnuTime.parse(Files.readString(timeOut)) : new GnuTime(null, null);
            Files.deleteIfExists(timeOut);
            return new Result(p.exitValue(), wall, time.peakRssMiB(), time.cpuSeconds(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
