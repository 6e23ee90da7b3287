package dev.qube.arena.offheap;

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
 */
public final class MappedArenas {

    /** System property naming the directory for the temporary files of {@code mapped} arenas (default {@code java.io.tmpdir}). */
    public static final String DIR_PROPERTY = "qube.mapped.dir";

    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong LIVE_ARENAS = new AtomicLong();
    private static final AtomicLong LEAKED = new AtomicLong();

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
