package io.kustos.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scale scenario's figures as Markdown tables (one per cluster, a row per count of replicas and environments),
 * the growth of each figure per environment (per cluster and count of replicas), and all of it as JSON.
 */
final class ScaleReport {
    static final List<String> FIGURES = List.of(ScalePoint.COLD, ScalePoint.COLD_REQUESTS, ScalePoint.COLD_LEASES,
            ScalePoint.CACHES_START, ScalePoint.NOOP_REQUESTS, ScalePoint.NOOP_READS, ScalePoint.NOOP_GIT_MS, ScalePoint.NOOP_CPU_MS, ScalePoint.LEASES_PER_SECOND,
            ScalePoint.RSS_MAX, ScalePoint.RSS_SUM, ScalePoint.OWNED_MAX, ScalePoint.TAKEOVER, ScalePoint.TAKEN_OVER);
    /** Printed beside the figures, never drawn as growth: they describe the machine and the server, not Kustos. */
    static final List<String> CONDITIONS = List.of(ScalePoint.BACKGROUND, ScalePoint.LOAD);

    private final List<ScalePoint> points;
    private final Map<String, Object> setup;
    private final Map<String, String> notes;

    ScaleReport(List<ScalePoint> points, Map<String, Object> setup, Map<String, String> notes) {
        this.points = List.copyOf(points);
        this.setup = setup;
        this.notes = notes;
    }

    /** One growth line: a figure's slope per environment on one cluster with one count of replicas. */
    record Growth(String cluster, int replicas, String figure, double perEnvironment, int from, int to) {
    }

    /** For every cluster, count of replicas and figure measured at two counts of environments or more: its slope per environment. */
    List<Growth> growth() {
        var out = new ArrayList<Growth>();
        for (String cluster : clusters()) {
            for (int replicas : points.stream().filter(p -> p.cluster().equals(cluster)).map(ScalePoint::replicas).distinct().sorted().toList()) {
                for (String figure : FIGURES) {
                    var values = new TreeMap<Integer, Double>();
                    points.stream().filter(p -> p.cluster().equals(cluster) && p.replicas() == replicas && p.figures().containsKey(figure))
                            .forEach(p -> values.put(p.environments(), p.figures().get(figure)));
                    ScaleGrowth.perEnvironment(values).ifPresent(slope ->
                            out.add(new Growth(cluster, replicas, figure, slope, values.firstKey(), values.lastKey())));
                }
            }
        }
        return out;
    }

    /**
     * A table per cluster: a row per figure, a column per count of replicas and environments, and after each count of
     * replicas its growth per environment; then the notes.
     */
    void print(PrintStream out) {
        List<Growth> growth = growth();
        for (String cluster : clusters()) {
            List<ScalePoint> mine = points.stream().filter(p -> p.cluster().equals(cluster)).toList();
            List<Integer> replicaCounts = mine.stream().map(ScalePoint::replicas).distinct().sorted().toList();
            var header = new StringBuilder("| figure |");
            var rule = new StringBuilder("|---|");
            for (int r : replicaCounts) {
                for (ScalePoint p : pointsOf(mine, r)) {
                    header.append(' ').append(replicas(r)).append(", ").append(p.environments()).append(" env |");
                    rule.append("---|");
                }
                header.append(' ').append(replicas(r)).append(": growth per env |");
                rule.append("---|");
            }
            out.println();
            out.println("**" + cluster + "**");
            out.println();
            out.println(header);
            out.println(rule);
            for (String f : columns()) {
                var row = new StringBuilder("| " + f + " |");
                for (int r : replicaCounts) {
                    for (ScalePoint p : pointsOf(mine, r)) {
                        Double v = p.figures().get(f);
                        row.append(' ').append(v == null ? "–" : BenchReport.fmt(v)).append(" |");
                    }
                    String slope = growth.stream().filter(g -> g.cluster().equals(cluster) && g.replicas() == r && g.figure().equals(f))
                            .map(g -> BenchReport.fmt(g.perEnvironment())).findFirst().orElse("–");
                    row.append(' ').append(slope).append(" |");
                }
                out.println(row);
            }
        }
        out.println();
        out.println("Growth per environment: the least-squares slope of the figure over the counts of environments measured.");
        notes.forEach((k, v) -> out.println("note (" + k + "): " + v));
    }

    private static List<ScalePoint> pointsOf(List<ScalePoint> points, int replicas) {
        return points.stream().filter(p -> p.replicas() == replicas).sorted(java.util.Comparator.comparingInt(ScalePoint::environments)).toList();
    }

    private static String replicas(int r) {
        return r + (r == 1 ? " replica" : " replicas");
    }

    void writeJson(Path file) {
        var json = new LinkedHashMap<String, Object>();
        json.put("setup", setup);
        var list = new ArrayList<Map<String, Object>>();
        for (ScalePoint p : points) {
            var m = new LinkedHashMap<String, Object>();
            m.put("cluster", p.cluster());
            m.put("environments", p.environments());
            m.put("replicas", p.replicas());
            m.put("figures", p.figures());
            list.add(m);
        }
        json.put("points", list);
        json.put("growthPerEnvironment", growth());
        json.put("notes", notes);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<String> columns() {
        var all = new ArrayList<>(FIGURES);
        all.addAll(CONDITIONS);
        return all;
    }

    private List<String> clusters() {
        return points.stream().map(ScalePoint::cluster).distinct().toList();
    }
}
