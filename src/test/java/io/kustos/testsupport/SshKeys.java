package io.kustos.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Makes ssh key pairs for tests: a private key file in OpenSSH format without passphrase and the
 * public key beside it ({@code <file>.pub}).
 */
public final class SshKeys {
    private SshKeys() {
    }

    /**
     * An ed25519 key made by {@code ssh-keygen} when it is installed, else an ECDSA P-256 key
     * made in Java ({@link #generateInJava}).
     *
     * @return the public key
     */
    public static PublicKey generate(Path privateKeyFile) throws IOException {
        if (sshKeygenInstalled()) {
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kustos-test", "-f", privateKeyFile.toString());
            return readPublicKey(Path.of(privateKeyFile + ".pub"));
        }
        return generateInJava(privateKeyFile);
    }

    /** An ECDSA P-256 key written with Apache MINA SSHD's OpenSSH writer. */
    public static PublicKey generateInJava(Path privateKeyFile) throws IOException {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            try (OutputStream out = Files.newOutputStream(privateKeyFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "kustos-test", null, out);
            }
            Files.writeString(Path.of(privateKeyFile + ".pub"), publicKeyLine(pair.getPublic()) + "\n");
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an EC key", e);
        }
    }

    /** {@code ecdsa-sha2-nistp256 AAAA…}: the form of authorized_keys and known_hosts. */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    public static PublicKey readPublicKey(Path pubFile) throws IOException {
        try {
            var entries = AuthorizedKeyEntry.readAuthorizedKeys(pubFile);
            return entries.get(0).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read public key " + pubFile, e);
        }
    }

    static boolean sshKeygenInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "ssh-keygen"))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
