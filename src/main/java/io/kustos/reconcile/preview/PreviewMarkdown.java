package io.kustos.reconcile.preview;

import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.DiffPrinter;
import io.kustos.diff.Restart;
import io.kustos.live.LiveConfig;
import io.kustos.source.Revision;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PreviewReport} as GitHub/GitLab/Gitea-flavoured Markdown: what a pull request's comment
 * shows. Anyone who can read the pull request can read it, so a Secret shows only which keys
 * would be changed, added or removed: never a value, a fingerprint or a length (its object is
 * listed, never diffed). An environment that could not be previewed (its cluster could not be
 * reached) says so in words fit for everyone, without the API server's address or the error. ConfigMaps are diffed as {@code kustos diff} prints them; a workload's
 * restart is said with its reasons (images, the configs it uses), never with its config hash.
 */
public final class PreviewMarkdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private final DiffPrinter printer = new DiffPrinter();

    public String render(PreviewReport report) {
        var out = new StringBuilder("### Kustos preview\n\n");
        out.append("config ").append(revision(report.config())).append(" · releases ").append(revision(report.releases())).append("\n\n");
        out.append("| environment | on merge | objects | restarts | hooks |\n| --- | --- | --- | --- | --- |\n");
        for (EnvironmentPreview e : report.environments()) {
            boolean changes = e.changes();
            out.append("| ").append(cell(e.environment())).append(" | ").append(cell(onMerge(e))).append(" | ")
                    .append(changes ? String.valueOf(e.diff().size()) : "").append(" | ")
                    .append(changes ? String.valueOf(Restart.of(e.diff()).size()) : "").append(" | ")
                    .append(changes ? String.valueOf(e.hooks().stream().filter(h -> !h.alreadyRan()).count()) : "").append(" |\n");
        }
        for (EnvironmentPreview e : report.environments()) {
            if (e.changes()) {
                changes(out, e);
            } else if (e.unavailable()) {
                out.append("\n#### ").append(text(e.environment())).append(": could not be previewed\n\n")
                        .append("Not previewed: ").append(text(NotPreviewed.why(e.environment(), e.error())))
                        .append(". This says nothing about the change; run the preview again to see it.\n");
            } else if (e.error() != null) {
                out.append("\n#### ").append(text(e.environment())).append(": would be refused\n\n").append(block("", e.error().getMessage()));
            }
        }
        return out.toString();
    }

    private static String onMerge(EnvironmentPreview e) {
        return e.verdict() == EnvironmentPreview.Verdict.WAITS ? e.waitLine() : e.verdict().words();
    }

    private void changes(StringBuilder out, EnvironmentPreview e) {
        Diff diff = e.diff();
        out.append("\n#### ").append(text(e.environment())).append(": ").append(text(onMerge(e))).append("\n\n");
        String home = diff.desired().namespace();
        out.append("Objects (namespace ").append(code(home)).append("):\n\n");
        printer.changes(diff).forEach(c -> out.append("- ").append(text(c)).append('\n'));
        var restarts = Restart.of(diff);
        if (!restarts.isEmpty()) {
            out.append("\nRestarts:\n\n");
            restarts.forEach(r -> out.append("- ").append(code(r.workload().toString())).append(": ")
                    .append(text(String.join("; ", r.reasons()))).append('\n'));
        }
        if (!e.hooks().isEmpty()) {
            out.append("\nPre-deploy hooks:\n\n");
            e.hooks().forEach(h -> out.append("- ").append(code(h.name())).append(h.alreadyRan() ? " already ran for this version, would not run again"
                    : " would run before " + code(h.workload().toString()) + " changes version").append(" (job ").append(code(h.job()))
                    .append(", ").append(code(h.origin())).append(")\n"));
        }
        out.append("\nServer-side dry run: ").append(e.dryRunWrites()).append(e.dryRunWrites() == 1 ? " write" : " writes")
                .append(" accepted by the API server.\n");
        String configMaps = printer.preview(configMapsOnly(diff));
        if (!configMaps.isEmpty()) {
            out.append("\n<details><summary>Diff of the ConfigMaps</summary>\n\n").append(block("diff", configMaps)).append("\n</details>\n");
        }
    }

    /** The ConfigMaps of {@code diff}, to print in full: a Secret's object is only listed. */
    private static Diff configMapsOnly(Diff diff) {
        List<ConfigChange> configs = diff.configs().stream().filter(c -> !c.desired().isSecret()).toList();
        List<LiveConfig> prunes = diff.prunes().stream().filter(p -> !"Secret".equals(p.key().kind())).toList();
        return new Diff(diff.desired(), configs, List.of(), prunes, diff.fingerprints());
    }

    private static String revision(Revision r) {
        return r.branch().equals(r.sha()) ? code(r.shortSha()) : code(r.branch()) + " @ " + code(r.shortSha());
    }

    /**
     * One item as a comment names it: {@code `configmap/staging/app-config` key `LOG_LEVEL`}, or
     * {@code the version of `deployment/staging/app`} (its environment is said apart).
     */
    public static String item(ChangedItem item) {
        return item instanceof ChangedItem.Key k ? code(k.object().toString()) + " key " + code(k.key())
                : "the version of " + code(item.object().toString());
    }

    /** Inline code that no backtick in {@code s} can close early. */
    static String code(String s) {
        int longest = longestRun(s);
        String fence = "`".repeat(longest + 1);
        String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
        return fence + pad + s + pad + fence;
    }

    /** A fenced block longer than any run of backticks in {@code s}. */
    static String block(String info, String s) {
        String fence = "`".repeat(Math.max(3, longestRun(s) + 1));
        return fence + info + "\n" + s + (s.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    private static int longestRun(String s) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(s);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }

    /** Text with Markdown's special characters and HTML's tag opener escaped, on one line ({@code ->} stays as it is). */
    public static String text(String s) {
        return s.replace("\\", "\\\\").replaceAll("([`*_\\[\\]<|#~])", "\\\\$1").replace('\n', ' ');
    }

    /** A table cell: text without a line break or an unescaped pipe. */
    private static String cell(String s) {
        return text(s);
    }
}
