package io.kustos.cli;

import io.kustos.history.BlameReport;
import io.kustos.history.KeyBlame;
import io.kustos.source.CommitInfo;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link BlameReport} as a table or as JSON. Never a value: only keys and commits. */
final class BlamePrinter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> HEADER = List.of("KEY", "CHANGE", "COMMIT", "AUTHOR", "DATE", "SUBJECT");

    private BlamePrinter() {
    }

    static String table(BlameReport report) {
        var rows = new ArrayList<List<String>>();
        rows.add(HEADER);
        for (KeyBlame k : report.keys()) {
            CommitInfo c = k.commit();
            rows.add(List.of(k.key(), change(k), c.sha().substring(0, 7), c.author(), DATE.format(c.time()), c.subject()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var out = new StringBuilder();
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == widths.length - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Notes for stderr: what was explained, and the commits skipped. */
    static List<String> notes(BlameReport report) {
        var notes = new ArrayList<String>();
        for (BlameReport.Skipped s : report.skipped()) {
            notes.add("note: skipped " + s.commit().sha().substring(0, 7) + " (\"" + s.commit().subject() + "\"): " + s.reason());
        }
        return notes;
    }

    /** The report as data, for -o json and -o yaml. */
    static Map<String, Object> document(BlameReport report) {
        var root = new LinkedHashMap<String, Object>();
        root.put("environment", report.environment());
        root.put("object", Map.of("kind", report.object().kind(), "namespace", report.object().namespace(),
                "name", report.object().name()));
        root.put("revision", report.head().toString());
        var keys = new ArrayList<Map<String, Object>>();
        for (KeyBlame k : report.keys()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("key", k.key());
            m.put("change", change(k));
            m.putAll(commit(k.commit()));
            keys.add(m);
        }
        root.put("keys", keys);
        var skipped = new ArrayList<Map<String, Object>>();
        for (BlameReport.Skipped s : report.skipped()) {
            var m = new LinkedHashMap<String, Object>(commit(s.commit()));
            m.put("reason", s.reason());
            skipped.add(m);
        }
        root.put("skipped", skipped);
        root.put("commitsRead", report.commitsRead());
        return root;
    }

    private static Map<String, Object> commit(CommitInfo c) {
        var m = new LinkedHashMap<String, Object>();
        m.put("commit", c.sha());
        m.put("author", c.authorName());
        m.put("authorEmail", c.authorEmail());
        m.put("date", c.time().toString());
        m.put("subject", c.subject());
        return m;
    }

    private static String change(KeyBlame k) {
        return k.change().name().toLowerCase(Locale.ROOT);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
