package io.kustos.source;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host key policy of a source that sets {@code insecureIgnoreHostKey: true}: accept any ssh
 * host key, and say so once per source in the log, with the key's fingerprint so it can be pinned.
 */
final class UncheckedHostKeys implements ServerKeyDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(UncheckedHostKeys.class);

    private final String source;
    private final AtomicBoolean warned = new AtomicBoolean();

    UncheckedHostKeys(String source) {
        this.source = source;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return List.of();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("source '{}': ssh host key of {} is not checked (insecureIgnoreHostKey: true); accepting {} {}",
                    source, connectAddress, KeyUtils.getKeyType(serverKey), KeyUtils.getFingerPrint(serverKey));
        }
        return true;
    }

    boolean warned() {
        return warned.get();
    }
}
