package io.kustos.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user of a source's clone at a time: the threads of this process, and the processes that share
 * its cache directory (two {@code kustos apply} in one folder), which take an OS file lock on
 * {@code <clone>.lock} beside it. Without it, two fetches into one clone fail on each other's git
 * lock files, and the one that fails repairs (or deletes) the clone the other is using. The lock
 * goes with its process: a killed holder leaves nothing to clean up. Waiting for it counts against
 * the poll's time limit, which interrupts the wait.
 */
final class CloneLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloneLock.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock fileLock;

    private CloneLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
        this.local = local;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** The lock file of {@code cloneDir}: beside it, so that neither a repair nor a fresh clone removes it. */
    static Path fileOf(Path cloneDir) {
        return cloneDir.resolveSibling(cloneDir.getFileName() + ".lock");
    }

    /** Waits until this thread alone, in this process and among the processes sharing the cache, uses {@code cloneDir}. */
    static CloneLock take(Path cloneDir) throws IOException {
        Path key = cloneDir.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the clone " + key);
        }
        if (local.getHoldCount() > 1) {
            return new CloneLock(local, null, null); // this thread holds the file lock already
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(fileOf(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LOG.info("waiting for another Kustos process that uses the clone {} (the same cacheDir)", key);
                lock = channel.lock();
            }
            return new CloneLock(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                fileLock.release();
                channel.close();
            }
        } finally {
            local.unlock();
        }
    }
}
