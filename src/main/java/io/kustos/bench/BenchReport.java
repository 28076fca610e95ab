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

/** Prints the results as a table (median, min, max), the ratios to the peers and the targets, and writes all as JSON. */
final class BenchReport {
    private final Results results;
    private final Map<String, Object> setup;

    BenchReport(Results results, Map<String, Object> setup) {
        this.results = results;
        this.setup = setup;
    }

    void print(PrintStream out) {
        out.println();
        if (results.notes().containsKey("quick")) {
            out.println(results.notes().get("quick"));
        }
        out.printf("%-64s %12s %12s %12s %5s  %s%n", "cluster / scenario / metric", "median", "min", "max", "n", "unit");
        results.all().forEach((cluster, scenarios) -> scenarios.forEach((scenario, metrics) -> {
            out.println(cluster + " / " + scenario);
            metrics.forEach((metric, s) -> out.printf("  %-62s %12s %12s %12s %5d  %s%n", metric, fmt(s.median()), fmt(s.min()), fmt(s.max()), s.count(), s.unit()));
        }));
        out.println();
        out.println("Ratios (medians, same run, same data, same API server):");
        ratios().forEach(r -> out.printf("  %-80s %s%n", r.get("what"), r.get("ratio")));
        out.println();
        out.println(results.notes().containsKey("quick") ? "Targets (quick run: indicative, not the release figures):" : "Targets:");
        targets().forEach(t -> out.printf("  %-5s %-70s %s%n", t.get("met"), t.get("target"), t.get("measured")));
        results.notes().forEach((k, v) -> out.println("note (" + k + "): " + v));
    }

    void writeJson(Path file) {
        var json = new LinkedHashMap<String, Object>();
        json.put("setup", setup);
        var all = new LinkedHashMap<String, Object>();
        results.all().forEach((cluster, scenarios) -> {
            var sc = new LinkedHashMap<String, Object>();
            scenarios.forEach((scenario, metrics) -> {
                var ms = new LinkedHashMap<String, Object>();
                metrics.forEach((metric, s) -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("unit", s.unit());
                    m.put("median", s.median());
                    m.put("min", s.min());
                    m.put("max", s.max());
                    m.put("p95", s.percentile(95));
                    m.put("n", s.count());
                    ms.put(metric, m);
                });
                sc.put(scenario, ms);
            });
            all.put(cluster, sc);
        });
        json.put("results", all);
        json.put("ratios", ratios());
        json.put("targets", targets());
        json.put("notes", results.notes());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    List<Map<String, String>> ratios() {
        var out = new ArrayList<Map<String, String>>();
        for (String c : results.all().keySet()) {
            ratio(out, c + ": cold apply wall, kubectl / kustos", get(c, ColdApplyScenario.SCENARIO, "kubectl wall"), get(c, ColdApplyScenario.SCENARIO, "kustos wall"));
            ratio(out, c + ": cold apply wall, kubectl / kustos less rollout waits", get(c, ColdApplyScenario.SCENARIO, "kubectl wall"),
                    get(c, ColdApplyScenario.SCENARIO, ColdApplyScenario.WALL_LESS_WAITS));
            Samples floorDry = get(c, ServerFloorScenario.SCENARIO, "dry runs");
            Samples floorWrite = get(c, ServerFloorScenario.SCENARIO, "writes");
            Samples kubectlWall = get(c, ColdApplyScenario.SCENARIO, "kubectl wall");
            if (floorDry != null && kubectlWall != null) {
                out.add(Map.of("what", c + ": best possible cold apply ratio here: kubectl wall / (server floor: dry runs + writes)",
                        "ratio", fmt(kubectlWall.median() / (floorDry.median() + floorWrite.median())) + "x"));
            }
            Double floor = floorSeconds(c);
            Samples lessWaits = get(c, ColdApplyScenario.SCENARIO, ColdApplyScenario.WALL_LESS_WAITS);
            if (floor != null && lessWaits != null) {
                out.add(Map.of("what", c + ": cold apply, kustos less rollout waits / server floor (dry runs + writes)",
                        "ratio", fmt(lessWaits.median() / floor) + "x"));
            }
            for (String command : CliStartScenario.KUSTOS_COMMANDS) {
                ratio(out, c + ": CLI start wall, kustos " + command + " (no-op) / kubectl apply --server-side",
                        get(c, CliStartScenario.SCENARIO, CliStartScenario.wall("kustos " + command)),
                        get(c, CliStartScenario.SCENARIO, CliStartScenario.wall("kubectl apply --server-side")));
            }
            ratio(out, c + ": cold apply requests, kubectl / kustos", get(c, ColdApplyScenario.SCENARIO, "kubectl requests"), get(c, ColdApplyScenario.SCENARIO, "kustos requests"));
            ratio(out, c + ": cold apply peak memory, kustos / kubectl", get(c, ColdApplyScenario.SCENARIO, "kustos peak memory (RSS)"), get(c, ColdApplyScenario.SCENARIO, "kubectl peak memory (RSS)"));
            Samples kubectlNoop = results.get(c, ColdApplyScenario.KUBECTL_NOOP, "kubectl wall");
            Samples kustosNoop = results.get(c, InProcessLoopScenarios.NOOP, "kustos wall");
            if (kubectlNoop != null && kustosNoop != null) {
                out.add(Map.of("what", c + ": no-op wall, kubectl apply again / kustos poll", "ratio", fmt(kubectlNoop.median() * 1000 / kustosNoop.median()) + "x"));
            }
            ratio(out, c + ": no-op requests, kubectl apply again / kustos poll", get(c, ColdApplyScenario.KUBECTL_NOOP, "kubectl requests"), get(c, InProcessLoopScenarios.NOOP, "kustos requests"));
        }
        ratio(out, "decryption, files per second, kustos / age -d", results.get("local", "decryption", "kustos files per second"),
                results.get("local", "decryption", "age -d files per second"));
        return out;
    }

    private Samples get(String c, String scenario, String metric) {
        return results.get(c, scenario, metric);
    }

    private static void ratio(List<Map<String, String>> out, String what, Samples a, Samples b) {
        if (a != null && b != null && b.median() != 0) {
            out.add(Map.of("what", what, "ratio", fmt(a.median() / b.median()) + "x"));
        }
    }

    List<Map<String, String>> targets() {
        var out = new ArrayList<Map<String, String>>();
        for (String c : results.all().keySet()) {
            Samples w = get(c, InProcessLoopScenarios.NOOP, "kustos writes (incl. dry runs, events)");
            Samples f = get(c, InProcessLoopScenarios.NOOP, "git fetches (upload-pack)");
            Samples t = get(c, InProcessLoopScenarios.NOOP, "kustos wall");
            if (w != null) {
                target(out, c + ": no-op: zero writes, no fetch, < 50 ms of work", w.max() == 0 && f.max() == 0 && t.median() < 50,
                        "writes max " + fmt(w.max()) + ", fetches max " + fmt(f.max()) + ", wall median " + fmt(t.median()) + " ms (max " + fmt(t.max()) + ")");
            }
            Samples ow = get(c, InProcessLoopScenarios.ONE_KEY, "kustos says: object writes");
            Samples od = get(c, InProcessLoopScenarios.ONE_KEY, "kustos says: dry runs");
            Samples sw = get(c, InProcessLoopScenarios.ONE_KEY, "kustos writes at server (objects + history)");
            Samples se = get(c, InProcessLoopScenarios.ONE_KEY, "kustos events at server");
            if (ow != null) {
                target(out, c + ": one key changed: 1 config write + 3 workload patches (+ their dry runs)",
                        ow.min() == 4 && ow.max() == 4 && od.min() == 4 && od.max() == 4,
                        "object writes " + fmt(ow.min()) + "-" + fmt(ow.max()) + ", dry runs " + fmt(od.min()) + "-" + fmt(od.max())
                                + "; at the server: writes " + fmt(sw.median()) + " (objects + history record), events " + fmt(se.median()));
            }
            Samples rpo = get(c, ColdApplyScenario.SCENARIO, "kustos requests per written object");
            if (rpo != null) {
                target(out, c + ": cold apply: <= 2.05 requests per written object, lists included", rpo.max() <= 2.05,
                        fmt(rpo.median()) + " (max " + fmt(rpo.max()) + ")");
            }
            Samples kl = get(c, ColdApplyScenario.SCENARIO, ColdApplyScenario.WALL_LESS_WAITS);
            Double floor = floorSeconds(c);
            if (kl != null && floor != null) {
                target(out, c + ": cold apply less rollout waits: <= 1.2x the server floor (dry runs + writes, same run)", kl.median() / floor <= 1.2,
                        fmt(kl.median() / floor) + "x (kustos " + fmt(kl.median()) + " s without waiting for rollouts, floor " + fmt(floor) + " s)");
            }
            results.all().get(c).forEach((scenario, metrics) -> {
                Samples wh = metrics.get("latency");
                if (scenario.startsWith(DaemonScenarios.WEBHOOK) && wh != null && wh.count() > 0) {
                    webhookTarget(out, c, scenario, wh);
                }
                if (scenario.startsWith(DaemonScenarios.MEMORY)) {
                    memoryTargets(out, c, scenario, metrics);
                }
            });
            cliStartTargets(out, c);
        }
        return out;
    }

    /** The server floor of the same run, dry runs plus writes (medians), in s; null when not measured. */
    private Double floorSeconds(String c) {
        Samples dry = get(c, ServerFloorScenario.SCENARIO, "dry runs");
        Samples write = get(c, ServerFloorScenario.SCENARIO, "writes");
        return dry == null || write == null ? null : dry.median() + write.median();
    }

    /**
     * p50 <= 300 ms and p95 <= 600 ms for the run's own shape (1,000 objects by default); within 20% of that (360 and
     * 720 ms) for the larger shape, whose ratio to the run's own figures is shown beside.
     */
    private void webhookTarget(List<Map<String, String>> out, String c, String scenario, Samples wh) {
        boolean scaled = !scenario.equals(DaemonScenarios.WEBHOOK);
        double factor = scaled ? 1.2 : 1.0;
        String measured = "p50 " + fmt(wh.median()) + " ms, p95 " + fmt(wh.percentile(95)) + " ms, n " + wh.count();
        Samples base = get(c, DaemonScenarios.WEBHOOK, "latency");
        if (scaled && base != null) {
            measured += " (" + fmt(wh.median() / base.median()) + "x and " + fmt(wh.percentile(95) / base.percentile(95)) + "x the run's own shape)";
        }
        target(out, c + ": " + scenario + ": p50 <= " + fmt(300 * factor) + " ms, p95 <= " + fmt(600 * factor) + " ms"
                        + (scaled ? " (within 20% of the 1,000-object target)" : ""),
                wh.median() <= 300 * factor && wh.percentile(95) <= 600 * factor, measured);
    }

    /** Daemon RSS <= 160 MiB for the run's own shape, <= 320 MiB for the larger one; the heap live set beside it. */
    private static void memoryTargets(List<Map<String, String>> out, String c, String scenario, Map<String, Samples> metrics) {
        double bound = scenario.equals(DaemonScenarios.MEMORY) ? 160 : 320;
        Samples heap = metrics.get(DaemonScenarios.HEAP_LIVE);
        metrics.forEach((metric, s) -> {
            if (metric.startsWith("RSS after") && metric.endsWith("polls")) {
                boolean indicative = !metric.contains("30.0 min");
                target(out, c + ": " + scenario + ": RSS <= " + fmt(bound) + " MiB (" + metric + (indicative ? "; the target is after 30 min" : "") + ")",
                        s.max() <= bound, fmt(s.max()) + " MiB" + (heap == null ? "" : ", heap live set " + fmt(heap.median()) + " MiB"));
            }
        });
    }

    /** A no-op kustos apply and diff of the example repo at most 0.6 s wall (median), validate at most 0.4 s; kubectl's time beside. */
    private void cliStartTargets(List<Map<String, String>> out, String c) {
        Samples kubectl = get(c, CliStartScenario.SCENARIO, CliStartScenario.wall("kubectl apply --server-side"));
        for (String command : CliStartScenario.KUSTOS_COMMANDS) {
            Samples wall = get(c, CliStartScenario.SCENARIO, CliStartScenario.wall("kustos " + command));
            if (wall == null) {
                continue;
            }
            Samples cpu = get(c, CliStartScenario.SCENARIO, CliStartScenario.cpu("kustos " + command));
            double bound = command.equals("validate") ? 0.4 : 0.6;
            target(out, c + ": CLI start: no-op kustos " + command + " of the example repo <= " + fmt(bound) + " s wall (median)",
                    wall.median() <= bound, fmt(wall.median()) + " s wall (n " + wall.count() + ")"
                            + (cpu == null ? "" : ", CPU " + fmt(cpu.median()) + " s")
                            + (kubectl == null ? "" : ", " + fmt(wall.median() / kubectl.median()) + "x kubectl's " + fmt(kubectl.median()) + " s"));
        }
    }

    private static void target(List<Map<String, String>> out, String target, boolean met, String measured) {
        out.add(Map.of("target", target, "met", met ? "MET" : "MISSED", "measured", measured));
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format("%d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format("%.0f", v) : Math.abs(v) >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
