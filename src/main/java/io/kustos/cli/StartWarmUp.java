package io.kustos.cli;

import io.kustos.work.Threads;

import java.util.List;
import java.util.Map;

/**
 * The static set-up a short command's main thread would otherwise pay for one piece after another, started first on a
 * thread of its own, beside picocli (issue 18 point 1, docs/benchmarks.md "CLI start"). {@code validate} runs on its
 * main thread alone, and a fifth of that thread's time went into class initializers: Jackson's {@code ObjectMapper}
 * and {@code YAMLMapper} (whose date format sets up the JDK's calendar and locales), {@code BigDecimal}'s tables (which
 * Jackson's parser makes on its first use), JGit's constants (for branch names), the crypto providers of SOPS and age.
 * Here they are made on the otherwise idle second core; the main thread, when it gets there, finds a class initialized
 * or waits for the initializer in progress (a class is initialized once, whichever thread asks first). Only a head
 * start: nothing is initialized that the command would not, and a failure is the main thread's to meet and report, as
 * before. (apply, diff and preview have their second core busy with {@code ModelReaders}.)
 */
final class StartWarmUp {
    /** The classes each command's main thread initializes, in about the order it does. */
    static final Map<String, List<String>> CLASSES = Map.of("validate", List.of(
            "io.kustos.config.YamlMapping",
            "com.fasterxml.jackson.core.base.ParserMinimalBase",
            "java.math.BigDecimal",
            "io.kustos.text.StrictYamlFactory",
            "org.snakeyaml.engine.v2.parser.ParserImpl",
            "org.eclipse.jgit.lib.ObjectChecker",
            "io.kustos.decrypt.age.AgeDecrypter",
            "io.kustos.decrypt.age.Primitives",
            "org.bouncycastle.crypto.modes.ChaCha20Poly1305",
            "org.bouncycastle.crypto.generators.HKDFBytesGenerator",
            "io.kustos.decrypt.sops.SopsDecryptor",
            "io.kustos.decrypt.sops.ValueCipher"));

    private StartWarmUp() {
    }

    /** Starts initializing {@code command}'s classes ({@link #CLASSES}) on a daemon thread; returns whether it started. */
    static boolean begin(String command) {
        List<String> classes = command == null ? null : CLASSES.get(command);
        if (classes == null) {
            return false;
        }
        Threads.daemon("kustos-warm-up").newThread(() -> initialize(classes)).start();
        return true;
    }

    /** Initializes {@code classes}, one after another, and the JDK's AES-GCM provider, which SOPS decrypts values with. */
    static void initialize(List<String> classes) {
        ClassLoader loader = StartWarmUp.class.getClassLoader();
        for (String name : classes) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                // only a head start: the main thread meets the same and reports it
            }
        }
        try {
            javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // as above
        }
    }
}
