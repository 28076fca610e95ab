package io.kustos.runtime;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The webhook senders Kustos accepts, each with its way of proving it knows the shared secret.
 * Every comparison is constant-time; nothing here logs or returns the secret or a signature.
 */
public enum WebhookProvider {
    /** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} */
    GITHUB("github", "X-Hub-Signature-256"),
    /** {@code X-Gitlab-Token: <the secret itself>} (GitLab sends the token, not a signature) */
    GITLAB("gitlab", "X-Gitlab-Token"),
    /** {@code X-Gitea-Signature: <hex HMAC-SHA256 of the body>} */
    GITEA("gitea", "X-Gitea-Signature"),
    /** {@code X-Kustos-Signature: sha256=<hex HMAC-SHA256 of the body>}, for any other sender */
    GENERIC("generic", "X-Kustos-Signature");

    private final String path;
    private final String header;

    WebhookProvider(String path, String header) {
        this.path = path;
        this.header = header;
    }

    /** The last segment of {@code /hooks/<path>}. */
    public String path() {
        return path;
    }

    /** The forge whose pull request events come here, null for the generic sender. */
    public io.kustos.config.PullRequestPreviews.Forge forge() {
        return this == GENERIC ? null : io.kustos.config.PullRequestPreviews.Forge.valueOf(name());
    }

    /** The request header that carries the proof. */
    public String header() {
        return header;
    }

    /**
     * @param headers a request header by name (case-insensitive), or null
     * @return whether the request proves knowledge of {@code secret}
     */
    public boolean verify(UnaryOperator<String> headers, byte[] body, byte[] secret) {
        String value = headers.apply(header);
        if (value == null || secret.length == 0) {
            return false;
        }
        value = value.trim();
        return switch (this) {
            case GITLAB -> MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), secret);
            case GITEA -> matchesHex(value, hmac(secret, body));
            case GITHUB, GENERIC -> value.regionMatches(true, 0, "sha256=", 0, 7) && matchesHex(value.substring(7), hmac(secret, body));
        };
    }

    /** The signature header value a sender computes, for tests and the README's curl example. */
    public String sign(byte[] body, byte[] secret) {
        String hex = HexFormat.of().formatHex(hmac(secret, body));
        return switch (this) {
            case GITLAB -> new String(secret, java.nio.charset.StandardCharsets.UTF_8);
            case GITEA -> hex;
            case GITHUB, GENERIC -> "sha256=" + hex;
        };
    }

    public static WebhookProvider of(String path) {
        for (WebhookProvider p : values()) {
            if (p.path.equals(path.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    private static boolean matchesHex(String hex, byte[] expected) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }

    static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
