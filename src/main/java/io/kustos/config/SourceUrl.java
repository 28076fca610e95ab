package io.kustos.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source URL as written in kustos.yaml, classified by transport. Local sources ({@code file://}
 * URLs and plain paths) are resolved against the directory of kustos.yaml; a {@code file://} URL
 * stays a {@code file://} URL, a path stays a path.
 */
record SourceUrl(String url, Transport transport) {
    enum Transport { LOCAL, HTTP, SSH, GIT }

    private static final Pattern WITH_SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)", Pattern.DOTALL);
    /** {@code [user@]host:path}; a host of two characters or more, so {@code C:\repo} stays a path. */
    private static final Pattern SCP_LIKE = Pattern.compile("(?:[^@/\\s]+@)?[^@/:\\s]{2,}:.+");
    static final String SUPPORTED = "use https://, http://, ssh://, git://, file://, git@host:path or a local path";

    /**
     * @throws IllegalArgumentException with a message for kustos.yaml (never the URL itself, which
     *                                  might hold credentials)
     */
    static SourceUrl parse(String text, ConfigNode at) {
        Matcher m = WITH_SCHEME.matcher(text);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            String rest = m.group(2);
            return switch (scheme) {
                case "file" -> new SourceUrl("file://" + slashed(local(rest, at)), Transport.LOCAL);
                case "http", "https" -> remote(text, rest, Transport.HTTP);
                case "ssh", "git+ssh", "ssh+git" -> remote(text, rest, Transport.SSH);
                case "git" -> remote(text, rest, Transport.GIT);
                default -> throw new IllegalArgumentException("unsupported scheme \"" + scheme + "\" (" + SUPPORTED + ")");
            };
        }
        if (SCP_LIKE.matcher(text).matches()) {
            return new SourceUrl(text, Transport.SSH);
        }
        return new SourceUrl(local(text, at).toString(), Transport.LOCAL);
    }

    private static SourceUrl remote(String text, String rest, Transport transport) {
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0 && authority.substring(0, at).contains(":")) {
            throw new IllegalArgumentException(
                    "credentials inside the URL are not allowed (use auth.tokenFile, auth.passwordFile or auth.sshKeyFile)");
        }
        if (authority.substring(at + 1).isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        return new SourceUrl(text, transport);
    }

    private static Path local(String path, ConfigNode at) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the file:// URL has no path");
        }
        try {
            return at.resolve(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + path + "\" is not a valid file path");
        }
    }

    private static String slashed(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.startsWith("/") ? s : "/" + s;
    }
}
