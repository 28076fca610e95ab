package io.kustos.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of {@code kustos ARGS} in this JVM: its exit code and what it wrote to stderr. */
record CommandRun(int exit, String err) {
    static CommandRun of(String... args) {
        var err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine(args).execute(args);
            return new CommandRun(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }
}
