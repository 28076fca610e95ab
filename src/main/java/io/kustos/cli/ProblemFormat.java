package io.kustos.cli;

import io.kustos.render.LocatedProblem;
import io.kustos.text.Plural;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code -o/--output} of {@code kustos validate}: {@code text} ({@code path:line: message}, as
 * compilers print), {@code json}, or {@code github} (GitHub Actions workflow commands
 * {@code ::error file=…,line=…::…}, which show each problem on its line of the pull request).
 */
enum ProblemFormat {
    text, json, github;

    static final String DESCRIPTION = "text, json or github (GitHub Actions annotations; default: text).";

    String write(ValidationReport report) {
        return switch (this) {
            case text -> text(report);
            case json -> OutputFormat.json.write(report); // its mapper is built only here, not at start-up
            case github -> report.problems().stream().map(ProblemFormat::annotation).map(l -> l + "\n").collect(Collectors.joining());
        };
    }

    private static String text(ValidationReport report) {
        var out = new StringBuilder();
        report.problems().forEach(p -> out.append(p).append('\n'));
        var repos = report.repos().stream().map(ValidationReport.Repo::described).collect(Collectors.joining(", "));
        out.append(report.valid() ? "no problems in " + repos : Plural.of(report.problems().size(), "problem") + " in " + repos).append('\n');
        return out.toString();
    }

    /** One problem as a GitHub Actions error annotation, escaped as the Actions toolkit escapes. */
    static String annotation(LocatedProblem p) {
        String where = "file=" + property(p.file()) + (p.line() > 0 ? ",line=" + p.line() : "");
        return "::error " + where + "::" + data((p.keyPath().isEmpty() ? "" : p.keyPath() + ": ") + p.message());
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** Reads {@code -o}: text, json or github. */
    static final class Converter implements ITypeConverter<ProblemFormat> {
        @Override
        public ProblemFormat convert(String value) {
            try {
                return ProblemFormat.valueOf(value.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not an output format of validate (use text, json or github)");
            }
        }
    }
}
