package io.kustos.decrypt.sops;

import io.kustos.decrypt.pgp.PgpMasterKeys;
import io.kustos.decrypt.pgp.TestPgpKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenPGP data keys sent to a hidden recipient (wildcard key ID 0, {@code gpg --throw-keyids})
 * open by trying each secret key, as gpg and sops do; a wrong key is still a key error.
 */
class HiddenPgpRecipientTest {
    private static final String FILE = "config:environments/prod/api/secrets.yaml";
    private static final Pattern ENC = Pattern.compile("(?ms)^( +)enc: \\|-\\n(.*?)\\n\\1fp: (\\w+)\\n");

    @ParameterizedTest
    @EnumSource(TestPgpKeys.Algorithm.class)
    void aDataKeyToAHiddenRecipientOpensWithTheSecretKey(TestPgpKeys.Algorithm alg) {
        var key = TestPgpKeys.generate(alg, "pass phrase");
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        String enc = TestPgpKeys.encryptToHiddenRecipient(key.armoredPublic().getBytes(StandardCharsets.US_ASCII), dataKey);
        var keys = PgpMasterKeys.fromKeyData(List.of(key.armoredSecret().getBytes(StandardCharsets.US_ASCII)), List.of("k"),
                "pass phrase".toCharArray());

        assertArrayEquals(dataKey, keys.unwrap(Map.of("fp", key.fingerprint(), "enc", enc)).orElseThrow());
        assertArrayEquals(dataKey, keys.unwrap(Map.of("fp", "0123456789ABCDEF", "enc", enc)).orElseThrow(),
                "gpg tries every secret key, whatever the entry's fingerprint");
    }

    @Test
    void aSopsFileWhosePgpRecipientsAreHiddenDecrypts() {
        String original = Interop.text("example.yaml");
        String hidden = hideRecipients(original, sopsTestKeyData());

        assertEquals(new String(new SopsDecryptor(List.of(Interop.key())).decrypt(FILE, original.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8),
                new String(new SopsDecryptor(List.of(Interop.key())).decrypt(FILE, hidden.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void aHiddenRecipientThatIsNotThisMachinesKeyIsAKeyError() {
        var other = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        String hidden = hideRecipients(Interop.text("example.yaml"), other.armoredPublic().getBytes(StandardCharsets.US_ASCII));

        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(Interop.key()))
                .decrypt(FILE, hidden.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SopsException.Kind.KEY, e.errorKind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(FILE + ": key error at sops: no master key of this machine opens the data key"), e.getMessage());
        assertTrue(e.getMessage().contains("hides its recipient (key ID 0) and none of this machine's secret keys opens it"), e.getMessage());
    }

    private static byte[] sopsTestKeyData() {
        return Interop.read("sops_functional_tests_key.asc");
    }

    /** Replaces every pgp entry's enc of {@code yaml} by the data key sent to {@code recipient}, hidden. */
    private static String hideRecipients(String yaml, byte[] recipient) {
        Matcher m = ENC.matcher(yaml);
        StringBuilder out = new StringBuilder();
        int replaced = 0;
        while (m.find()) {
            String indent = m.group(1);
            String enc = m.group(2).replaceAll("(?m)^" + indent + "  ", "") + "\n";
            byte[] dataKey = Interop.key().unwrap(Map.of("fp", m.group(3), "enc", enc)).orElseThrow();
            String message = TestPgpKeys.encryptToHiddenRecipient(recipient, dataKey).replace("\r\n", "\n").stripTrailing();
            String block = indent + "enc: |-\n" + message.replaceAll("(?m)^", indent + "  ") + "\n" + indent + "fp: " + m.group(3) + "\n";
            m.appendReplacement(out, Matcher.quoteReplacement(block));
            replaced++;
        }
        m.appendTail(out);
        assertEquals(2, replaced, "both pgp entries of example.yaml");
        return out.toString();
    }
}
