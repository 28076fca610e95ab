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
