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

    /** The public side, safe to show: an {@code age1…} recipient, or a description. */
    String recipient();
}
