package io.kustos.render;


import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** Removes every Secret value of a target, in clear or base64, from text such as a hook's log. */
public final class SecretScrubber implements UnaryOperator<String> {
    private static final int SHORTEST = 3;
    /** Each line of a multi-line value (a PEM key, a JSON document) at least this long is removed too. */
    private static final int LINE = 8;
    private final List<String> values = new ArrayList<>();

    public SecretScrubber(List<DesiredConfig> configs) {
        for (DesiredConfig c : configs) {
            if (!c.isSecret()) {
                continue;
            }
            for (ConfigValue v : c.entries().values()) {
                if (v.length() >= SHORTEST) {
                    String text = new String(v.bytes(), StandardCharsets.UTF_8);
                    values.add(text);
                    values.add(text.strip());
                    values.add(Base64.getEncoder().encodeToString(v.bytes()));
                    for (String line : text.split("\n")) {
                        if (line.strip().length() >= LINE) {
                            values.add(line.strip());
                        }
                    }
                }
            }
            values.removeIf(String::isEmpty);
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
    }

    @Override
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, "[redacted]");
        }
        return out;
    }
}
