package io.kustos.decrypt.age;

import java.util.List;
import java.util.Optional;

/** Something that can open age recipient stanzas of one type: a secret key or a passphrase. */
public sealed interface AgeIdentity permits X25519Identity, HybridIdentity, PassphraseIdentity {

    /**
     * The 16-byte file key from the first stanza addressed to this identity that opens; empty when
     * none does. Stanzas of other types are ignored.
     *
     * @throws AgeException of kind {@link AgeFailure#HEADER} when a stanza of this identity's type
     *                      is malformed (wrong arguments or lengths, a low-order share)
     */
    Optional<byte[]> unwrap(List<Stanza> stanzas);

    /** The first file key that {@code open} gets from a stanza of {@code type}; empty when none opens. */
    static Optional<byte[]> firstOpened(List<Stanza> stanzas, String type, java.util.function.Function<Stanza, Optional<byte[]>> open) {
        for (Stanza stanza : stanzas) {
            if (stanza.type().equals(type)) {
                Optional<byte[]> fileKey = open.apply(stanza);
                if (fileKey.isPresent()) {
                    return fileKey;
                }
            }
        }
        return Optional.empty();
    }

    /** The public side, safe to show: an {@code age1…} recipient, or a description. */
    String recipient();
}
