package io.kustos.history;

import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.EntryChange;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the history records for a Secret key cannot be recomputed without the installation's key:
 * the 6-digit PIN that an unkeyed fingerprint gave away in a million tries stays hidden.
 */
class SecretFingerprintsCannotBeReversedTest {
    private static final ObjectKey SECRET = ObjectKey.secret("prod", "door");
    private static final String PIN = "493817";

    @Test
    void aPinCannotBeFoundAgainFromItsRecordWithoutTheKey() {
        byte[] key = key("the installation's key");
        String recorded = recordedFor(SecretFingerprints.keyed(key), PIN);
        assertTrue(recorded.matches("hmac:[0-9a-f]{8}"), recorded);

        assertEquals(Optional.empty(), bruteForce(recorded, pin -> ConfigValue.bytes(bytes(pin)).fingerprint(SECRET + "/PIN")),
                "the unkeyed fingerprint of the old format matches no PIN");
        SecretFingerprints guessedKey = SecretFingerprints.keyed(key("a guessed key"));
        assertEquals(Optional.empty(), bruteForce(recorded, pin -> guessedKey.of(SECRET + "/PIN", ConfigValue.bytes(bytes(pin))).orElseThrow()),
                "a key other than the installation's matches no PIN");

        // the same search with the installation's key finds it: the search is real, the key is what protects the PIN
        SecretFingerprints installation = SecretFingerprints.keyed(key);
        assertEquals(Optional.of(PIN), bruteForce(recorded, pin -> installation.of(SECRET + "/PIN", ConfigValue.bytes(bytes(pin))).orElseThrow()));
    }

    @Test
    void theSameValueAndKeyGiveTheSameFingerprintAndAnotherKeyAnother() {
        byte[] key = key("the installation's key");
        assertEquals(recordedFor(SecretFingerprints.keyed(key), PIN), recordedFor(SecretFingerprints.keyed(key.clone()), PIN),
                "the CLI and the daemon, reading the same key, record the same fingerprint");
        assertNotEquals(recordedFor(SecretFingerprints.keyed(key), PIN), recordedFor(SecretFingerprints.keyed(key("another installation's key")), PIN));
        assertNotEquals(recordedFor(SecretFingerprints.keyed(key), PIN), recordedFor(SecretFingerprints.keyed(key), "493818"));
    }

    @Test
    void withoutAKeyOnlyTheChangeIsRecorded() {
        assertEquals("changed", recordedFor(SecretFingerprints.NONE, PIN));
    }

    @Test
    void aKeyTooShortIsRefusedAndTheKeyIsNeverShown() {
        assertThrows(IllegalArgumentException.class, () -> SecretFingerprints.keyed(new byte[16]));
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String shown = SecretFingerprints.keyed(key).toString();
        assertFalse(shown.contains("0123456789abcdef") || shown.contains("MDEyMzQ1Njc4"), shown);
    }

    private static String recordedFor(SecretFingerprints fingerprints, String pin) {
        var entries = new TreeMap<String, ConfigValue>();
        entries.put("PIN", ConfigValue.bytes(bytes(pin)));
        var desired = new DesiredConfig(SECRET, "Opaque", new TreeMap<>(), new TreeMap<>(), entries, "config:door.yaml");
        var change = new ConfigChange(desired, null, List.of(new EntryChange("PIN", EntryChange.Kind.CHANGED, "x", "y")), List.of());
        var objects = RecordBuilder.objects(new Diff(null, List.of(change), List.of(), List.of(), fingerprints));
        String recorded = objects.get(0).keys().get("PIN");
        assertFalse(recorded.contains(pin), recorded);
        return recorded;
    }

    /** Every 6-digit PIN through {@code fingerprint}: the first whose fingerprint is {@code recorded}. */
    private static Optional<String> bruteForce(String recorded, Function<String, String> fingerprint) {
        for (int i = 0; i < 1_000_000; i++) {
            String pin = pin(i);
            if (recorded.equals(fingerprint.apply(pin))) {
                return Optional.of(pin);
            }
        }
        return Optional.empty();
    }

    /** {@code i} as six digits, zeros first: String.format("%06d", i), which took most of the search's three million tries' time. */
    private static String pin(int i) {
        char[] digits = new char[6];
        for (int d = digits.length - 1, n = i; d >= 0; d--, n /= 10) {
            digits[d] = (char) ('0' + n % 10);
        }
        return new String(digits);
    }

    /** Fixed keys, so the search's outcome is the same at every run (a random pair would match a wrong PIN once in ~4000 runs). */
    private static byte[] key(String seed) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes(seed));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
