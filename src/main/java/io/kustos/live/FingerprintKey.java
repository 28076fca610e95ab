package io.kustos.live;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.cluster.ApplyException;
import io.kustos.live.LiveState;
import io.kustos.live.SecretFingerprints;
import io.kustos.failure.TransientException;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The Secret {@code kustos-fingerprint-key} in a target's namespace: a random 256-bit key that
 * {@link SecretFingerprints} are keyed with, so {@code kustos diff}, {@code kustos apply} and the
 * daemon, which all read it, show the same fingerprint for the same value, and nobody without it
 * can test a guess against a fingerprint in the history. Kustos creates it on its first write to
 * the namespace of a target with a Secret ({@code create} on Secrets, which applying Secrets needs anyway) and never changes,
 * prunes, diffs or shows it: it carries no managed-by or environment label, and it is left out of
 * the live state. {@code kustos diff} never creates it; before it exists Secret values show only
 * as changed, and the config hash of a workload using a Secret as {@code ConfigHash.PENDING} (diff).
 * A write without the key fails (forbidden): nothing unkeyed over Secret values is ever written.
 */
public final class FingerprintKey {
    public static final String NAME = "kustos-fingerprint-key";
    static final String DATA_KEY = "hmac-sha256";
    private static final Logger LOG = LoggerFactory.getLogger(FingerprintKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private FingerprintKey() {
    }

    public static boolean is(Secret s, String targetNamespace) {
        return NAME.equals(s.getMetadata().getName()) && targetNamespace.equals(s.getMetadata().getNamespace());
    }

    /** The fingerprints keyed with this Secret's key; none (with a warning) when it holds no usable key. */
    static SecretFingerprints read(Secret s) {
        String encoded = s.getData() == null ? null : s.getData().get(DATA_KEY);
        try {
            return SecretFingerprints.keyed(Base64.getDecoder().decode(encoded == null ? "" : encoded));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}", unusable(s.getMetadata().getNamespace()));
            return SecretFingerprints.NONE;
        }
    }

    private static String unusable(String namespace) {
        return "Secret " + namespace + "/" + NAME + " holds no usable key (data." + DATA_KEY + ": " + SecretFingerprints.KEY_BYTES
                + " random bytes or more), so Kustos does not write to namespace " + namespace + " (Secret values and config hashes "
                + "are only written keyed); delete it and Kustos makes a new one";
    }

    /**
     * {@code live} keyed with the key of {@code desired}'s namespace, which is created first when
     * there is none and {@code desired} has a Secret.
     *
     * @throws ApplyException (forbidden) Kustos may not create the key, or the key there is not
     *                        usable: nothing may be written, since Secret fingerprints and config
     *                        hashes over Secret values are only ever written keyed
     */
    public static LiveState ensure(KubernetesClient client, DesiredState desired, LiveState live) {
        if (live.fingerprints().keyed() || desired.configs().stream().noneMatch(DesiredConfig::isSecret)) {
            return live;
        }
        String namespace = desired.namespace();
        byte[] key = new byte[SecretFingerprints.KEY_BYTES];
        RANDOM.nextBytes(key);
        Secret secret = new SecretBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/part-of", "kustos").endMetadata()
                .withType("Opaque").addToData(DATA_KEY, Base64.getEncoder().encodeToString(key)).build();
        try {
            client.secrets().inNamespace(namespace).resource(secret).create();
            LOG.info("created Secret {}/{}, the key of Secret fingerprints", namespace, NAME);
            return live.withFingerprints(SecretFingerprints.keyed(key));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                SecretFingerprints theirs = existing(client, namespace);
                if (!theirs.keyed()) {
                    throw new ApplyException(desired.environment() + ": " + unusable(namespace), FailureReason.REFUSED_FORBIDDEN);
                }
                return live.withFingerprints(theirs);
            }
            if (e.getCode() == 403) {
                throw new ApplyException(desired.environment() + ": may not create Secret " + namespace + "/" + NAME
                        + " (the key of Secret fingerprints and of the config hash of workloads using a Secret), and Kustos never writes "
                        + "either unkeyed, so nothing was written. Grant Kustos `create` on secrets in namespace " + namespace
                        + " (as applying Secrets needs anyway), or create that Secret with " + SecretFingerprints.KEY_BYTES
                        + " random bytes in data." + DATA_KEY + ". The API server said: " + ApiErrors.serverMessage(e, client.getMasterUrl()),
                        FailureReason.REFUSED_FORBIDDEN);
            }
            throw new TransientException("cannot create Secret " + namespace + "/" + NAME + ": " + ApiErrors.serverMessage(e, client.getMasterUrl()), FailureReason.CLUSTER_UNREACHABLE, null);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Made by another Kustos at the same moment: read it (a list, the verb Kustos has on Secrets). */
    private static SecretFingerprints existing(KubernetesClient client, String namespace) {
        try {
            return client.secrets().inNamespace(namespace).list().getItems().stream().filter(s -> is(s, namespace)).findFirst()
                    .map(FingerprintKey::read).orElse(SecretFingerprints.NONE);
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot read Secret " + namespace + "/" + NAME + ": " + ApiErrors.serverMessage(e, client.getMasterUrl()), FailureReason.CLUSTER_UNREACHABLE, null);
        }
    }
}
