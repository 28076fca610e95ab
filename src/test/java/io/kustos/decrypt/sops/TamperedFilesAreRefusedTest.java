package io.kustos.decrypt.sops;

import io.kustos.decrypt.pgp.PgpMasterKeys;
import io.kustos.decrypt.pgp.TestPgpKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input is refused with file, key path and kind in the message, and no plaintext in it.
 * Each case changes a file that sops itself wrote (interop example.yaml) or one Kustos wrote.
 */
class TamperedFilesAreRefusedTest {
    private static final String FILE = "config:environments/prod/api/secrets.yaml";
    private static final List<String> PLAINTEXTS = List.of("t00m4nys3cr3tz", "c4r1b0u", "eve", "secretuser1",
            "with something secret", "BEGIN RSA PRIVATE KEY", "1234568000");

    private static SopsException refuse(String yaml, SopsException.Kind kind, String keyPath) {
        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(Interop.key()))
                .decrypt(FILE, yaml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(kind, e.errorKind(), e.getMessage());
        assertEquals(keyPath, e.keyPath(), e.getMessage());
        assertTrue(e.getMessage().startsWith(FILE + ": " + kind.word() + " error at " + keyPath + ": "), e.getMessage());
        for (String p : PLAINTEXTS) {
            assertFalse(e.getMessage().contains(p), e.getMessage());
        }
        return e;
    }

    private static String example(UnaryOperator<String> change) {
        String original = Interop.text("example.yaml");
        String changed = change.apply(original);
        assertFalse(original.equals(changed), "the test changes nothing");
        return changed;
    }

    /** Flips one bit of the first byte of the base64 data of the value of {@code line}. */
    private static String flipData(String yaml, String linePrefix) {
        Matcher m = Pattern.compile("(?m)^(" + Pattern.quote(linePrefix) + "ENC\\[AES256_GCM,data:)([^,]+)").matcher(yaml);
        assertTrue(m.find());
        byte[] data = java.util.Base64.getDecoder().decode(m.group(2));
        data[0] ^= 1;
        return yaml.substring(0, m.start(2)) + java.util.Base64.getEncoder().encodeToString(data) + yaml.substring(m.end(2));
    }

    @Test
    void aFlippedByteInAValueIsAnAuthError() {
        refuse(example(y -> flipData(y, "        password: ")), SopsException.Kind.AUTH, "app2:db:password");
    }

    @Test
    void aValueMovedToAnotherKeyIsAnAuthError() {
        String yaml = example(y -> {
            String pw = y.lines().filter(l -> l.startsWith("        password: ")).findFirst().orElseThrow();
            String user = y.lines().filter(l -> l.startsWith("        user: ")).findFirst().orElseThrow();
            return y.replace(user, "        user: " + pw.substring("        password: ".length()));
        });
        refuse(yaml, SopsException.Kind.AUTH, "app2:db:user");
    }

    @Test
    void aChangedMacIsAMacError() {
        refuse(example(y -> flipData(y, "    mac: ")), SopsException.Kind.MAC, "sops.mac");
    }

    @Test
    void aChangedLastModifiedIsAMacError() {
        refuse(example(y -> y.replace("lastmodified: \"2025-08-06T18:55:05Z\"", "lastmodified: \"2025-08-06T18:55:06Z\"")),
                SopsException.Kind.MAC, "sops.mac");
    }

    @Test
    void aRemovedUnencryptedValueIsAMacMismatch() {
        var e = refuse(example(y -> y.replace("    - remain in clear text\n", "")), SopsException.Kind.MAC, "sops.mac");
        assertTrue(e.getMessage().contains("MAC mismatch"));
    }

    @Test
    void aWrongKeyIsAKeyErrorListingRecipientsAndThisMachinesKeys() {
        var other = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        var keys = PgpMasterKeys.fromKeyData(List.of(other.armoredSecret().getBytes(StandardCharsets.US_ASCII)), List.of("k"), null);
        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(keys, new FakeAgeKeys("age1mine")))
                .decrypt(FILE, Interop.read("example.yaml")));
        assertEquals(SopsException.Kind.KEY, e.errorKind());
        assertEquals("sops", e.keyPath());
        assertTrue(e.getMessage().contains("pgp FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4, pgp D7229043384BCC60326C6FB9D8720D957C3D3074"), e.getMessage());
        assertTrue(e.getMessage().contains(other.fingerprint()) && e.getMessage().contains("age1mine"), e.getMessage());
        assertFalse(e.getMessage().contains("BEGIN PGP"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsAFormatError() {
        String full = Interop.text("example.yaml");
        refuse(full.substring(0, full.indexOf("sops:")), SopsException.Kind.FORMAT, "sops");
        refuse(full.substring(0, full.indexOf("    pgp:")), SopsException.Kind.FORMAT, "sops");
    }

    @Test
    void anEncStringThatIsNotSopsIsAFormatError() {
        refuse(example(y -> y.replaceFirst("(?m)^(        user: )ENC\\[[^\\n]*", "$1ENC[not a sops value]")),
                SopsException.Kind.FORMAT, "app2:db:user");
    }

    @Test
    void badBase64IsAFormatError() {
        var e = refuse(example(y -> y.replaceFirst("(?m)^(        user: ENC\\[AES256_GCM,data:)tQ1l", "$1t!1l")),
                SopsException.Kind.FORMAT, "app2:db:user");
        assertTrue(e.getMessage().contains("base64"));
    }

    @Test
    void anUnknownTypeIsAFormatError() {
        refuse(example(y -> y.replaceFirst("(?m)^(        user: ENC\\[.*),type:str\\]", "$1,type:weird]")),
                SopsException.Kind.FORMAT, "app2:db:user");
    }

    @Test
    void aFileOver5MiBIsRefusedBeforeParsing() {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) '{');
        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(Interop.key())).decrypt(FILE, big));
        assertEquals(SopsException.Kind.FORMAT, e.errorKind());
        assertTrue(e.getMessage().startsWith(FILE + ": format error at (document): the file is 5242881 bytes, over the limit of 5 MiB"));
    }
}
