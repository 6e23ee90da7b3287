package dev.qube.arena.offheap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide accounting of the {@code mapped} backend and of qube files opened with
 * {@link MappedQubes#open}: how many bytes of files are mapped right now, how many mappings are
 * live, and how many were dropped without being closed.
 *
 * <p>{@link #liveBytes()} counts the whole mapped size of every writable {@code mapped} arena
 * (its temporary file) and of every read-only mapped qube file not yet unmapped; it returns to its
 * earlier value as soon as the qubes opened since are closed. A mapping that becomes unreachable
 * without {@code close()} is unmapped (and its temporary file deleted) by a
 * {@link java.lang.ref.Cleaner} and logged like a leaked off-heap arena (see {@link OffHeapArenas}).
 * Temporary files still open when the JVM exits normally are deleted by a shutdown hook; a JVM
 * that is killed leaves them behind (they are named {@code qube-*.arena}).
 */
public final class MappedArenas {

    /** System property naming the directory for the temporary files of {@code mapped} arenas (default {@code java.io.tmpdir}). */
    public static final String DIR_PROPERTY = "qube.mapped.dir";

    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong LIVE_ARENAS = new AtomicLong();
    private static final AtomicLong LEAKED = new AtomicLong();
    private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private MappedArenas() {
    }

    /** Bytes of files mapped by all live {@code mapped} arenas and read-only mapped qubes of this process. */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** Writable {@code mapped} arenas and read-only mapped qubes of this process that are mapped right now. */
    public static long liveArenas() {
        return LIVE_ARENAS.get();
    }

    /** Mapped arenas and mapped qubes that were never closed and that the Cleaner unmapped. */
    public static long leakedArenas() {
        return LEAKED.get();
    }

    /** Remembers a temporary file, for the shutdown hook to delete if its arena is still open at exit. */
    static void created(Path file) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(MappedArenas::deleteAll, "qube-mapped-files"));
        }
        FILES.add(file);
    }

    /** Forgets a temporary file that was deleted. */
    static void deleted(Path file) {
        FILES.remove(file);
    }

    /** Deletes every temporary file still open; the shutdown hook runs it. */
    static void deleteAll() {
        for (Path f : FILES) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException | RuntimeException e) {
                // best effort at exit: the file stays behind, named qube-*.arena
            }
        }
    }

    static void mapped(long bytes) {
        LIVE_BYTES.addAndGet(bytes);
    }

    static void unmapped(long bytes) {
        LIVE_BYTES.addAndGet(-bytes);
    }

    static void opened() {
        LIVE_ARENAS.incrementAndGet();
    }

    static void freed() {
        LIVE_ARENAS.decrementAndGet();
    }

    /** Called once per leaked mapping, after it is unmapped. */
    static void leaked(String what, long bytes, Throwable createdAt) {
        OffHeapArenas.report("A qube's " + what + " was never closed; the Cleaner unmapped its " + bytes
                + " bytes. Close qubes (try-with-resources) to unmap them at once.", createdAt, "MappedArenas.leakedArenas()");
        LEAKED.incrementAndGet();
    }
}
