package io.kustos.decrypt.age;

import org.bouncycastle.crypto.generators.SCrypt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A passphrase, for age {@code scrypt} stanzas: three arguments (type, a canonical 16-byte salt,
 * a decimal work factor without leading zeros), a 32-byte body. The work factor is capped at
 * {@link #MAX_WORK_FACTOR} (2^18, what {@code age -p} uses; scrypt then needs 256 MiB). That a
 * scrypt stanza must be alone in the header is checked by {@link AgeDecrypter} for every file.
 */
public final class PassphraseIdentity implements AgeIdentity {
    static final String STANZA_TYPE = "scrypt";
    static final int MAX_WORK_FACTOR = 18;
    private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]*");
    private static final int SALT_SIZE = 16;
    private static final int BODY_SIZE = 32;

    private final byte[] passphrase;

    public PassphraseIdentity(String passphrase) {
        this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String recipient() {
        return "a passphrase";
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) {
        return AgeIdentity.firstOpened(stanzas, STANZA_TYPE, this::unwrap);
    }

    private Optional<byte[]> unwrap(Stanza stanza) {
        if (stanza.args().size() != 3) {
            throw malformed("must have exactly three arguments");
        }
        byte[] salt;
        try {
            salt = CanonicalBase64.decode(stanza.args().get(1), SALT_SIZE, "salt");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        String factor = stanza.args().get(2);
        if (!WORK_FACTOR.matcher(factor).matches()) {
            throw malformed("the work factor must be a decimal number without leading zeros");
        }
        if (factor.length() > 2 || Integer.parseInt(factor) > MAX_WORK_FACTOR) {
            throw malformed("work factor " + (factor.length() > 2 ? "too large" : factor)
                    + " is above the limit of " + MAX_WORK_FACTOR);
        }
        byte[] body = stanza.body();
        if (body.length != BODY_SIZE) {
            throw malformed("body must be " + BODY_SIZE + " bytes");
        }
        byte[] wrapKey = SCrypt.generate(passphrase, X25519Recipient.concat(LABEL, salt),
                1 << Integer.parseInt(factor), 8, 1, Primitives.KEY_SIZE);
        try {
            return Primitives.open(wrapKey, Primitives.ZERO_NONCE, body);
        } finally {
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    private static AgeException malformed(String reason) {
        return new AgeException(AgeFailure.HEADER, "scrypt stanza: " + reason);
    }

    @Override
    public String toString() {
        return "PassphraseIdentity[hidden]";
    }
}
