package io.kustos.source;

import io.kustos.source.UnverifiedCommitException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks the OpenPGP signature of a git commit ({@code git commit -S}) against trusted public
 * keys, as {@code git verify-commit} does: the {@code gpgsig} header holds a detached signature
 * over the commit object without that header. Pure: no I/O besides the bytes given.
 */
final class CommitSignatures {
    /** Hashes too weak to vouch for a commit (MD5, SHA-1, RIPEMD-160). */
    private static final Set<Integer> WEAK_HASHES = Set.of(HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1,
            HashAlgorithmTags.RIPEMD160, HashAlgorithmTags.MD2, HashAlgorithmTags.TIGER_192, HashAlgorithmTags.HAVAL_5_160);

    private CommitSignatures() {
    }

    /** @param rawCommit the commit object as git stores it (RevCommit.getRawBuffer()) */
    static SignatureCheck check(byte[] rawCommit, TrustedKeys trusted) {
        SignedCommit commit = SignedCommit.parse(rawCommit);
        if (commit.signature() == null) {
            return SignatureCheck.refused(Reason.UNSIGNED, null, null);
        }
        String armored = commit.signature().strip();
        if (armored.startsWith("-----BEGIN SSH SIGNATURE-----")) {
            return SignatureCheck.refused(Reason.UNSUPPORTED, null, "an SSH signature; only OpenPGP signatures are supported");
        }
        if (!armored.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            return SignatureCheck.refused(Reason.UNSUPPORTED, null, "not an OpenPGP signature (X.509?)");
        }
        PGPSignature sig;
        try {
            sig = read(armored);
        } catch (IOException | PGPException | RuntimeException e) {
            return SignatureCheck.refused(Reason.BAD_SIGNATURE, null, "the signature cannot be read");
        }
        byte[] issuerFingerprint = issuerFingerprint(sig);
        String issuer = issuerFingerprint != null ? HexFormat.of().withUpperCase().formatHex(issuerFingerprint)
                : String.format(Locale.ROOT, "%016X", sig.getKeyID());
        if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return SignatureCheck.refused(Reason.BAD_SIGNATURE, issuer, "not a signature over data");
        }
        PGPPublicKey key = trusted.find(issuerFingerprint, sig.getKeyID());
        if (key == null) {
            return SignatureCheck.refused(Reason.UNKNOWN_KEY, issuer, null);
        }
        String fingerprint = TrustedKeys.fingerprint(key);
        if (WEAK_HASHES.contains(sig.getHashAlgorithm())) {
            return SignatureCheck.refused(Reason.UNSUPPORTED, fingerprint, "weak hash algorithm " + sig.getHashAlgorithm()
                    + "; sign with SHA-256 or better");
        }
        String invalid = invalidKey(key, trusted.primaryOf(key), sig.getCreationTime());
        if (invalid != null) {
            return SignatureCheck.refused(Reason.KEY_NOT_VALID, fingerprint, invalid);
        }
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(commit.payload());
            if (!sig.verify()) {
                return SignatureCheck.refused(Reason.BAD_SIGNATURE, fingerprint,
                        "the signature does not match the commit: changed after signing");
            }
        } catch (PGPException | RuntimeException e) {
            return SignatureCheck.refused(Reason.BAD_SIGNATURE, fingerprint, "cannot be checked: " + e.getMessage());
        }
        return SignatureCheck.trusted(fingerprint);
    }

    private static PGPSignature read(String armored) throws IOException, PGPException {
        byte[] bytes = armored.getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(bytes))) {
            Object o = new BcPGPObjectFactory(in).nextObject();
            if (o instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            throw new PGPException("no signature packet");
        }
    }

    private static byte[] issuerFingerprint(PGPSignature sig) {
        for (var packets : new org.bouncycastle.openpgp.PGPSignatureSubpacketVector[] {sig.getHashedSubPackets(), sig.getUnhashedSubPackets()}) {
            IssuerFingerprint f = packets == null ? null : packets.getIssuerFingerprint();
            if (f != null) {
                return f.getFingerprint();
            }
        }
        return null;
    }

    /** Why the key could not sign at {@code signedAt}, or null if it could. */
    private static String invalidKey(PGPPublicKey key, PGPPublicKey primary, Date signedAt) {
        if (primary.hasRevocation() || (!key.isMasterKey() && key.hasRevocation())) {
            return "the key is revoked";
        }
        for (PGPPublicKey k : new PGPPublicKey[] {primary, key}) {
            long valid = k.getValidSeconds();
            if (valid > 0 && signedAt.getTime() > k.getCreationTime().getTime() + valid * 1000) {
                return "the key had expired when the commit was signed";
            }
        }
        if (signedAt.before(key.getCreationTime())) {
            return "the signature is older than the key";
        }
        return null;
    }
}
