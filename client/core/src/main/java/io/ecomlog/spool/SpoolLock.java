package io.ecomlog.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on a spool folder, held while a client uses it, so that two processes (or two clients in
 * one) never replay and rewrite the same segments. The lock goes with the process, so a killed process leaves none.
 */
public final class SpoolLock implements AutoCloseable {

    private static final String LOCK_FILE = ".lock";
    /** Folders tried after the first one is taken: {@code dir}, {@code dir-2} ... {@code dir-8}. */
    private static final int MAX_SLOTS = 8;

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private SpoolLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, or the first free of {@code dir-2} ... {@code dir-8} when another process holds it (a
     * restarted process takes the first folder again, so it replays what its previous run left there).
     */
    public static SpoolLock acquire(Path dir) throws IOException {
        for (int slot = 1; slot <= MAX_SLOTS; slot++) {
            Path candidate = slot == 1 ? dir : dir.resolveSibling(dir.getFileName() + "-" + slot);
            SpoolLock lock = tryLock(candidate);
            if (lock != null) {
                return lock;
            }
        }
        throw new IOException("spool folder " + dir + " and its " + (MAX_SLOTS - 1)
                + " alternatives are all in use by other clients");
    }

    private static SpoolLock tryLock(Path dir) throws IOException {
        Files.createDirectories(dir);
        var channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new SpoolLock(dir, channel, lock);
            }
        } catch (OverlappingFileLockException heldInThisJvm) {
            // another client of this process has it
        }
        channel.close();
        return null;
    }

    /** The folder this lock holds. */
    public Path dir() {
        return dir;
    }

    /** Releases the lock and removes the lock file (a folder without clients holds only segments). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve(LOCK_FILE)); // still ours: another process cannot lock it before release
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel or the process anyway
        }
    }
}
