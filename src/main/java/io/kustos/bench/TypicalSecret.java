package io.kustos.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** A typical Secret file before encryption: six generated values, one of them a 900-byte key. Never logged. */
public final class TypicalSecret {
    private TypicalSecret() {
    }

    public static byte[] yaml(String name, SecureRandom random) {
        var values = new ArrayList<String>();
        values.add("DATABASE_URL: \"postgres://app:" + hex(random, 16) + "@db.internal:5432/app\"");
        values.add("DATABASE_PASSWORD: \"" + hex(random, 24) + "\"");
        values.add("API_TOKEN: \"" + hex(random, 32) + "\"");
        values.add("WEBHOOK_SECRET: \"" + hex(random, 20) + "\"");
        values.add("SMTP_PASSWORD: \"" + hex(random, 16) + "\"");
        values.add("TLS_KEY: |\n    " + String.join("\n    ", chunks(Base64.getEncoder().encodeToString(bytes(random, 900)))));
        return ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\ntype: Opaque\nstringData:\n  "
                + String.join("\n  ", values) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> chunks(String s) {
        var out = new ArrayList<String>();
        for (int i = 0; i < s.length(); i += 64) {
            out.add(s.substring(i, Math.min(s.length(), i + 64)));
        }
        return out;
    }

    private static String hex(SecureRandom r, int bytes) {
        return HexFormat.of().formatHex(bytes(r, bytes));
    }

    private static byte[] bytes(SecureRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
