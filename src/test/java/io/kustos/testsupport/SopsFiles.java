package io.kustos.testsupport;

import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.sops.CreationRules;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** SOPS-encrypted YAML for tests, as `kustos encrypt` makes it: data/stringData encrypted for one age recipient. */
public final class SopsFiles {
    private SopsFiles() {
    }

    /** An age key pair made for one test: the private key's file and the public key (the recipient). */
    public record AgeKey(Path file, String recipient) {
    }

    /** A new age key pair, its private key written to {@code dir/age.key}. */
    public static AgeKey newAgeKey(Path dir) throws java.io.IOException {
        var identity = io.kustos.decrypt.age.X25519Identity.generate(new java.security.SecureRandom());
        Path file = dir.resolve("age.key");
        Files.writeString(file, identity.encodeSecret() + "\n");
        return new AgeKey(file, identity.recipient());
    }

    /** {@code n} random bytes, a value no test data can contain by chance. */
    public static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        new java.security.SecureRandom().nextBytes(out);
        return out;
    }

    /** Encrypts {@code plaintext} (a Secret manifest) for {@code ageRecipient}, in a scratch folder under {@code tmp}. */
    public static String encryptForAge(Path tmp, String ageRecipient, String plaintext) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "sops");
        Files.writeString(dir.resolve(".sops.yaml"), """
                creation_rules:
                  - encrypted_regex: ^(data|stringData)$
                    age: %s
                """.formatted(ageRecipient));
        Path file = dir.resolve("secrets.yaml");
        var rule = CreationRules.load(dir.resolve(".sops.yaml")).forFile(file).orElseThrow();
        byte[] out = new SopsEncryptor(KeyRing.of(List.of(), List.of(), null))
                .encrypt(file.toString(), plaintext.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, rule);
        return new String(out, StandardCharsets.UTF_8);
    }
}
