package io.kustos.apply;

import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Removes a Secret's values, in clear or base64, from a text that came back from the server. */
final class Redactor {
    private static final int SHORTEST = 3;

    private Redactor() {
    }

    static String scrub(String text, DesiredConfig config) {
        if (text == null || config == null || !config.isSecret()) {
            return text;
        }
        String out = text;
        for (ConfigValue v : config.entries().values()) {
            byte[] b = v.bytes();
            if (b.length < SHORTEST) {
                continue;
            }
            out = out.replace(Base64.getEncoder().encodeToString(b), "[redacted]");
            out = out.replace(new String(b, StandardCharsets.UTF_8), "[redacted]");
        }
        return out;
    }
}
