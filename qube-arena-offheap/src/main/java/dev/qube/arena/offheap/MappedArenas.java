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

    /** Caps live mappings: {@code -Dqube.mapped.maxArenas}; by default a quarter of the kernel's per-process map limit. */
    public static final String MAX_ARENAS_PROPERTY = "qube.mapped.maxArenas";

    /**
     * Most mapped arenas and files that may be open at once. Every one is a memory mapping, and a
     * process that runs out of mappings (Linux: {@code vm.max_map_count}, 65,530 by default) can no
     * longer grow even the JVM's own heap and dies; the cap turns that into an
     * {@link dev.qube.spi.ArenaFullException} on the qube that would pass it.
     */
    public static long maxArenas() {
        Long set = Long.getLong(MAX_ARENAS_PROPERTY);
        if (set != null) {
            return set;
        }
        long kernel = 65_530;
        // read as a stream: Files.readString trusts the size procfs reports and returned "6" here
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/sys/vm/max_map_count"))) {
            kernel = Long.parseLong(r.readLine().strip());
        } catch (java.io.IOException | RuntimeException notLinux) {
            // keep the Linux default
        }
        return Math.max(16, kernel / 4);
    }

    /** Counts one more live mapping, or refuses it when the cap is reached. */
    static void opened() {
        long max = maxArenas();
        if (LIVE_ARENAS.incrementAndGet() > max) {
            LIVE_ARENAS.decrementAndGet();
            throw new dev.qube.spi.ArenaFullException("too many mapped qubes open at once (" + max
                    + "): every one is a memory mapping and the process would run out of them;"
                    + " close qubes, use the offheap or heap backend for many small qubes, or set -D"
                    + MAX_ARENAS_PROPERTY);
        }
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
