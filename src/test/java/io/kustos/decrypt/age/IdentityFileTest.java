package io.kustos.decrypt.age;

import io.kustos.decrypt.DecryptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identity files as age-keygen writes them; every bad line is named by file and line, never by key. */
class IdentityFileTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X25519Identity ONE = X25519Identity.generate(RANDOM);
    private static final X25519Identity TWO = X25519Identity.generate(RANDOM);

    @Test
    void readsCommentsBlankLinesCrlfAndSeveralKeys() {
        String content = "# created: 2026-01-01T00:00:00Z\r\n"
                + "# public key: " + ONE.recipient() + "\r\n"
                + ONE.encodeSecret() + "\r\n"
                + "\n"
                + "   \t\n"
                + "  " + TWO.encodeSecret().toLowerCase(Locale.ROOT) + "  \n";
        List<AgeIdentity> identities = AgeIdentityFile.parse("keys.txt", content);
        assertEquals(List.of(ONE.recipient(), TWO.recipient()), identities.stream().map(AgeIdentity::recipient).toList());
    }

    @Test
    void theRecipientOfAnIdentityIsAnAge1String() {
        assertTrue(ONE.recipient().matches("age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}"), ONE.recipient());
        assertTrue(ONE.encodeSecret().matches("AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"));
        assertFalse(ONE.toString().contains(ONE.encodeSecret()));
    }

    static Stream<Arguments> badFiles() {
        String key = ONE.encodeSecret();
        char last = key.charAt(key.length() - 1);
        String badChecksum = key.substring(0, key.length() - 1) + (last == 'Q' ? 'P' : 'Q');
        String mixedCase = key.substring(0, 20) + key.substring(20).toLowerCase(Locale.ROOT);
        String shortKey = Bech32.encode("age-secret-key-", new byte[31]).toUpperCase(Locale.ROOT);
        String unknownType = Bech32.encode("age-secret-key-xx-", new byte[32]).toUpperCase(Locale.ROOT);
        return Stream.of(
                Arguments.of("empty", "", "keys.txt: no age identity"),
                Arguments.of("only comments", "# nothing\n\n", "keys.txt: no age identity"),
                Arguments.of("garbage line", "# c\n\nhello\n", "keys.txt:3: not an age identity"),
                Arguments.of("recipient instead of identity", ONE.recipient() + "\n", "keys.txt:1: not an age identity"),
                Arguments.of("bad checksum", "# c\n" + badChecksum + "\n", "keys.txt:2: invalid age identity: invalid checksum"),
                Arguments.of("mixed case", mixedCase + "\n", "keys.txt:1: invalid age identity: mixed upper and lower case"),
                Arguments.of("31 bytes", shortKey + "\n", "keys.txt:1: invalid age identity: an age X25519 identity is 32 bytes"),
                Arguments.of("unknown type", unknownType + "\n", "keys.txt:1: unsupported age identity type"),
                Arguments.of("plugin", "AGE-PLUGIN-YUBIKEY-1QQQQQQ\n", "keys.txt:1: age plugin identities are not supported"),
                Arguments.of("second line bad", key + "\n" + key.substring(0, 40) + "\n", "keys.txt:2: invalid age identity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesAreRefusedNamingFileAndLine(String caseName, String content, String expected) {
        DecryptionException e = assertThrows(DecryptionException.class, () -> AgeIdentityFile.parse("keys.txt", content));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        String secretPart = ONE.encodeSecret().substring("AGE-SECRET-KEY-1".length(), 40);
        assertFalse(e.getMessage().toUpperCase(Locale.ROOT).contains(secretPart), "no key material in: " + e.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("age.key"), "# k\n" + ONE.encodeSecret() + "\n");
        assertEquals(ONE.recipient(), AgeIdentityFile.read(file).get(0).recipient());
    }

    @Test
    void aMissingFileOrADirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.key");
        assertTrue(assertThrows(DecryptionException.class, () -> AgeIdentityFile.read(missing)).getMessage()
                .equals(missing + ": age identity file does not exist"));
        assertTrue(assertThrows(DecryptionException.class, () -> AgeIdentityFile.read(dir)).getMessage()
                .equals(dir + ": age identity file is not a regular file"));
    }
}
