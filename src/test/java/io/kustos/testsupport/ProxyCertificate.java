package io.kustos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once per JVM by the JDK's
 * {@code keytool} (BouncyCastle's certificate builder is not on the classpath): the key store
 * the {@link FaultProxy} serves TLS with, and the certificate as PEM, its own CA, for the
 * kubeconfig it writes. Kept in memory; the folder keytool wrote to is deleted at once.
 */
record ProxyCertificate(byte[] pkcs12, String password, String pem) {
    private static ProxyCertificate instance;

    static synchronized ProxyCertificate get() {
        if (instance == null) {
            instance = make();
        }
        return instance;
    }

    private static ProxyCertificate make() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kustos-fault-proxy-cert");
            Path store = dir.resolve("proxy.p12");
            Path pem = dir.resolve("proxy.pem");
            String password = "fault-proxy";
            keytool("-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=kustos-fault-proxy", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "bc:c",
                    "-validity", "3", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", "proxy", "-keystore", store.toString(), "-storepass", password, "-file", pem.toString());
            return new ProxyCertificate(Files.readAllBytes(store), password, Files.readString(pem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static void keytool(String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind holds only a test certificate
        }
    }
}
