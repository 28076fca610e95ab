package io.kustos.cluster;

import io.fabric8.kubernetes.client.Config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What makes two targets' clusters one for sharing a client: the API server's URL and everything
 * the client authenticates and trusts with (user, token, client certificate and key, CA,
 * impersonation, proxy), whatever kubeconfig file and context named them. A user whose token
 * comes from a command or an auth provider (fabric8 runs it later, from the file) is told apart by
 * its file and user name; a user with an exec plugin by its file, user name and plugin (command, arguments,
 * environment), never by the token the plugin minted, which many plugins mint anew at every call. The credentials are kept as a SHA-256 digest only, so that the key never
 * shows a token.
 *
 * @param server      the API server's URL
 * @param credentials the digest of the credentials and TLS settings
 */
record ClusterKey(String server, String credentials) {
    static ClusterKey of(Config c) {
        String exec = exec(c);
        // a plugin's minted token (or certificate) changes at every call: the plugin's user and command stand for it
        Stream<Object> credentials = exec != null ? Stream.of(c.getFileWithAuthInfo() + "#" + user(c), exec)
                : Stream.of(c.getUsername(), c.getPassword(), c.getOauthToken(), c.getAutoOAuthToken(), c.getClientCertFile(),
                        c.getClientCertData(), c.getClientKeyFile(), c.getClientKeyData());
        String all = Stream.concat(credentials, Stream.of(c.getClientKeyPassphrase(), c.getCaCertFile(), c.getCaCertData(),
                        c.isTrustCerts(), c.isDisableHostnameVerification(), c.getTlsServerName(), c.getTrustStoreFile(), c.getKeyStoreFile(),
                        c.getAuthProvider(), c.getImpersonateUsername(), Arrays.toString(c.getImpersonateGroups()), c.getImpersonateExtras(),
                        c.getHttpProxy(), c.getHttpsProxy(), c.getProxyUsername(), c.getProxyPassword(), Arrays.toString(c.getNoProxy()),
                        fetchedLater(c) ? c.getFileWithAuthInfo() + "#" + user(c) : ""))
                .map(o -> Objects.toString(o, "")).collect(Collectors.joining("\u0000"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8));
            return new ClusterKey(c.getMasterUrl(), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether the credentials are none that the configuration holds (an exec command's or an auth provider's token). */
    private static boolean fetchedLater(Config c) {
        return c.getOauthToken() == null && c.getAutoOAuthToken() == null && c.getClientCertData() == null && c.getClientCertFile() == null && c.getUsername() == null;
    }

    /**
     * The exec plugin of the context's user, as its kubeconfig file says it (command, arguments, environment, API
     * version); null when the user has none. fabric8 runs the plugin when it loads the configuration and keeps the
     * token it minted, which for many plugins differs at every call.
     */
    private static String exec(Config c) {
        java.io.File file = c.getFileWithAuthInfo();
        String user = user(c);
        if (file == null || user.isEmpty() || !file.isFile()) {
            return null;
        }
        try {
            var users = io.fabric8.kubernetes.client.internal.KubeConfigUtils.parseConfig(file).getUsers();
            return users == null ? null : users.stream().filter(u -> user.equals(u.getName()) && u.getUser() != null
                    && u.getUser().getExec() != null).findFirst().map(u -> String.valueOf(u.getUser().getExec())).orElse(null);
        } catch (RuntimeException e) {
            return null; // fabric8 read it a moment ago; if it cannot now, the credentials it holds key the cluster
        }
    }

    private static String user(Config c) {
        var context = c.getCurrentContext();
        return context == null || context.getContext() == null ? "" : Objects.toString(context.getContext().getUser(), "");
    }
}
