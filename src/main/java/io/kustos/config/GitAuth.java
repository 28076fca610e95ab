package io.kustos.config;

import java.nio.file.Path;

/**
 * How to authenticate to a git remote. Secrets are never written inline in kustos.yaml: each
 * comes from a file (a mounted Secret in the cluster).
 *
 * @param username              for http(s) basic auth or with a token; default "git"
 * @param passwordFile          http(s) basic-auth password
 * @param tokenFile             http(s) access token, sent as the basic-auth password (GitHub, GitLab, Gitea)
 * @param sshKeyFile            private key for ssh:// and scp-like URLs (OpenSSH or PEM format)
 * @param knownHostsFile        known_hosts for ssh; without it ~/.ssh/known_hosts (and
 *                              /etc/ssh/ssh_known_hosts) are used, as git does, and a host found in
 *                              none of them is refused
 * @param insecureIgnoreHostKey ssh: accept any host key (a warning with its fingerprint is logged);
 *                              only for trying things out
 */
public record GitAuth(String username, Path passwordFile, Path tokenFile, Path sshKeyFile, Path knownHostsFile,
                      boolean insecureIgnoreHostKey) {
    public static final GitAuth NONE = new GitAuth(null, null, null, null, null);

    public GitAuth {
        if (username == null || username.isBlank()) {
            username = "git";
        }
    }

    /** Host keys checked (against knownHostsFile or ~/.ssh/known_hosts). */
    public GitAuth(String username, Path passwordFile, Path tokenFile, Path sshKeyFile, Path knownHostsFile) {
        this(username, passwordFile, tokenFile, sshKeyFile, knownHostsFile, false);
    }
}
