package io.kustos.testsupport;

import io.kustos.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** One `kustos` command line run in-process, with what it printed. */
public record KustosRun(int exit, String out, String err) {
    private static final Pattern LOCKS = Pattern.compile("api requests: .*?, (\\d+) lock requests?");
    private static final Pattern REQUESTS = Pattern.compile("api requests: (\\d+) reads?, (\\d+) dry runs?, (\\d+) writes?, (\\d+) records?");

    public static synchronized KustosRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new KustosRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Reads (GETs and lists) Kustos reported sending. */
    public long reads() {
        return count(1);
    }

    /** Writes Kustos reported sending (its own request counter), from `kustos apply` output. */
    public long writes() {
        return count(3);
    }

    /** Events and history records Kustos wrote. */
    public long records() {
        return count(4);
    }

    public long dryRuns() {
        return count(2);
    }

    /** Requests for write locks (Leases) Kustos reported sending: taking, renewing, releasing. */
    public long locks() {
        var m = LOCKS.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no lock request count in output:\n" + out + err);
        }
        return Long.parseLong(m.group(1));
    }

    private long count(int group) {
        var m = REQUESTS.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no request count in output:\n" + out + err);
        }
        return Long.parseLong(m.group(group));
    }

    /** Everything printed, for assertion messages and leak checks. */
    public String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
