package io.kustos.decrypt.age;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bech32 as BIP-173 defines it (its own test strings), with age's case rules and no length limit. */
class Bech32Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "A12UEL5L",
            "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl",
    })
    void validStringsDecode(String s) {
        Bech32.Decoded d = Bech32.decode(s);
        assertEquals(s.substring(0, s.lastIndexOf('1')).toLowerCase(Locale.ROOT), d.hrp());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "pzry9x0s0muk|no human-readable part",
            "1pzry9x0s0muk|no human-readable part",
            "x1b4n0q5v|invalid data character",
            "li1dgmt3|too short",
            "A1G7SGD8|invalid checksum",
            "10a06t8|no human-readable part",
            "1qzzfhee|no human-readable part",
            "A12uEL5L|mixed upper and lower case",
            // valid Bech32m (BIP-350), so not valid Bech32: age uses the original checksum
            "a1lqfn3a|invalid checksum",
            "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx|invalid checksum",
    })
    void invalidStringsAreRefused(String s, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bech32.decode(s));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains(s), "the message must not repeat the string (it may be a key)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31, 32, 33, 1216})
    void encodeThenDecodeGivesTheSameBytes(int length) {
        byte[] data = new byte[length];
        new SecureRandom().nextBytes(data);
        String s = Bech32.encode("age", data);
        assertEquals(s.toLowerCase(Locale.ROOT), s);
        assertArrayEquals(data, Bech32.decode(s).data());
        assertArrayEquals(data, Bech32.decode(s.toUpperCase(Locale.ROOT)).data());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 30})
    void aChangedCharacterBreaksTheChecksum(int position) {
        byte[] data = new byte[32];
        new SecureRandom().nextBytes(data);
        String s = Bech32.encode("age", data);
        int i = "age1".length() + position;
        char replacement = s.charAt(i) == 'q' ? 'p' : 'q';
        String changed = s.substring(0, i) + replacement + s.substring(i + 1);
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode(changed));
    }

    @ParameterizedTest
    @CsvSource({
            "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj, age",
    })
    void theSpecExampleRecipientIs32Bytes(String recipient, String hrp) {
        Bech32.Decoded d = Bech32.decode(recipient);
        assertEquals(hrp, d.hrp());
        assertEquals(32, d.data().length);
        assertEquals(recipient, Bech32.encode(hrp, d.data()));
    }
}
