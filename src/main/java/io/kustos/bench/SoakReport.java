package io.kustos.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one soak on one cluster found: the commits by kind, the verdict times, the history audits, the final diff, the RSS trend. */
final class SoakReport {
    private final String cluster;
    private final Soak.Settings settings;
    private final Map<SoakStep.Kind, Integer> kinds = new EnumMap<>(SoakStep.Kind.class);
    private final Samples verdictMs = new Samples("ms");
    private final List<String> historyProblems = new ArrayList<>();
    private final RssTrend rss = new RssTrend();
    private int steps;
    private int audits;
    private int expectedRecords;
    private double seconds;
    private Integer diffExit;
    private String diffOutput = "";
    private String failure;

    SoakReport(String cluster, Soak.Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    void step(SoakStep step, double ms) {
        steps++;
        kinds.merge(step.kind(), 1, Integer::sum);
        verdictMs.add(ms);
    }

    void historyProblem(String problem) {
        historyProblems.add(problem);
    }

    void audited() {
        audits++;
    }

    void expectedRecords(int n) {
        expectedRecords = n;
    }

    void seconds(double s) {
        seconds = s;
    }

    void diff(int exit, String output) {
        diffExit = exit;
        diffOutput = output.length() > 4000 ? output.substring(0, 4000) + "…" : output;
    }

    void failed(String why) {
        failure = why;
    }

    RssTrend rss() {
        return rss;
    }

    /** Every commit got the expected verdict and the cluster equals git ({@code kustos diff} exit 0). */
    boolean converged() {
        return failure == null && diffExit != null && diffExit == 0;
    }

    boolean historyComplete() {
        return failure == null && historyProblems.isEmpty() && audits > 0;
    }

    int count(SoakStep.Kind kind) {
        return kinds.getOrDefault(kind, 0);
    }

    String failure() {
        return failure;
    }

    List<String> historyProblems() {
        return List.copyOf(historyProblems);
    }

    String diffOutput() {
        return diffOutput;
    }

    void print(PrintStream out) {
        out.printf("%n[%s] soak, seed %d: %d commits in %.0f s (%s)%n", cluster, settings.seed(), steps, seconds, kindsInWords());
        if (failure != null) {
            out.println("  FAILED: " + failure);
            out.println("  replay: kustos bench soak --cluster " + cluster + " --seed " + settings.seed() + " --commits " + settings.commits());
        }
        if (verdictMs.count() > 0) {
            out.printf("  commit to verdict (webhook to /status): median %s ms, p95 %s ms, max %s ms%n",
                    BenchReport.fmt(verdictMs.median()), BenchReport.fmt(verdictMs.percentile(95)), BenchReport.fmt(verdictMs.max()));
        }
        out.println("  cluster equals git (kustos diff after the last commit): " + (converged() ? "yes" : "NO (exit " + diffExit + ")\n" + diffOutput));
        out.println("  history complete (" + audits + " audits, " + expectedRecords + " applied records expected): "
                + (historyComplete() ? "yes" : "NO\n    " + String.join("\n    ", historyProblems)));
        if (rss.measured()) {
            out.printf("  daemon RSS after a full GC: first quarter %s MiB, last quarter %s MiB, slope %s MiB per 100 commits, %d samples: %s (tolerance +%d%%)%n",
                    BenchReport.fmt(rss.firstQuarter()), BenchReport.fmt(rss.lastQuarter()), BenchReport.fmt(rss.slopePer100()),
                    rss.samples().size(), rss.flat() ? "flat" : "NOT flat", Math.round(RssTrend.TOLERANCE * 100));
        } else if (settings.measureRss()) {
            out.printf("  daemon RSS after a full GC: NOT measured: %d samples, at least 4 needed (use --commits 10 or more)%n", rss.samples().size());
        }
        List<String> failed = failedChecks();
        out.println(failed.isEmpty() ? "  every check held" : "  failed: " + String.join("; ", failed));
    }

    /** The checks that did not hold, in words; empty when the soak passed. */
    List<String> failedChecks() {
        var failed = new ArrayList<String>();
        if (failure != null) {
            failed.add("a commit did not get its verdict");
        }
        if (!converged()) {
            failed.add("the cluster does not equal git");
        }
        if (!historyComplete()) {
            failed.add("the history is not complete");
        }
        if (!settings.measureRss()) {
            return failed;
        }
        if (!rss.measured()) {
            failed.add("RSS not measured (too few samples)");
        } else if (!rss.flat()) {
            failed.add("RSS not flat");
        }
        return failed;
    }

    private String kindsInWords() {
        if (kinds.isEmpty()) {
            return "none";
        }
        return String.join(", ", kinds.entrySet().stream().map(e -> e.getKey().counted(e.getValue())).toList());
    }

    Map<String, Object> json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("cluster", cluster);
        m.put("seed", settings.seed());
        m.put("commits", steps);
        m.put("kinds", kinds);
        m.put("seconds", Math.round(seconds));
        if (verdictMs.count() > 0) {
            m.put("verdictMs", Map.of("median", verdictMs.median(), "p95", verdictMs.percentile(95), "max", verdictMs.max()));
        }
        m.put("failure", failure);
        m.put("converged", converged());
        m.put("diffExit", diffExit);
        m.put("historyComplete", historyComplete());
        m.put("historyAudits", audits);
        m.put("expectedAppliedRecords", expectedRecords);
        m.put("historyProblems", historyProblems);
        m.put("rss", rss.json());
        return m;
    }

    static void writeJson(Path file, Map<String, Object> setup, List<SoakReport> reports) {
        var json = new LinkedHashMap<String, Object>();
        json.put("setup", setup);
        json.put("soaks", reports.stream().map(SoakReport::json).toList());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
