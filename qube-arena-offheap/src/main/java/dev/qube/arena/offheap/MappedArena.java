package dev.qube.arena.offheap;

import dev.qube.spi.ArenaFullException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One qube's region in the {@code mapped} backend: a temporary file mapped read-write into a
 * shared {@link Arena}, starting at {@value #MIN_CAPACITY} bytes (or the size hint) and doubled
 * when full.
 *
 * <p><b>Growth copies nothing.</b> The mapping is shared with the file, so growth maps a region of
 * the same file twice as large (the file is extended) in a fresh shared arena and closes the old
 * one at once: the bytes written are already in the file, and a segment taken before growth
 * throws {@link IllegalStateException} instead of reading a stale mapping.
 *
 * <p><b>Close.</b> {@link #close()} unmaps the file and deletes it; every access through any of its
 * segments, from any thread, then throws {@link IllegalStateException}. Closing twice is harmless.
 * An arena dropped without close is unmapped and deleted by a {@link Cleaner} and reported by
 * {@link MappedArenas#leakedArenas()}.
 *
 * <p>Threads: one thread allocates while a qube is built; afterwards any number read. Growth and
 * close synchronize on the {@link Region}. The file channel is open only while mapping.
 */
final class MappedArena extends DoublingArena {

    private static final AtomicLong IDS = new AtomicLong();
    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "qube-mapped-cleaner");
        t.setDaemon(true);
        return t;
    });


    MappedArena(long sizeHint) {
        this(IDS.incrementAndGet(), firstCapacity(sizeHint));
    }

    private MappedArena(long id, long first) {
        super("mapped", new Region(id, first, origin(id)), first, CLEANER);
    }

    private static Throwable origin(long id) {
        return OffHeapArenas.debug() ? new Throwable("mapped qube arena #" + id + " created here") : null;
    }

    /** Where the temporary files go: {@code -Dqube.mapped.dir}, else {@code java.io.tmpdir}. */
    static Path directory() {
        return Path.of(System.getProperty(MappedArenas.DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
    }

    /**
     * The file and its current mapping, and their release action. Holds no reference to the
     * {@link MappedArena}, so that the arena can become unreachable and be cleaned.
     */
    private static final class Region implements DoublingArena.Memory {
        final long id;
        final Throwable origin;
        final Path file;
        private Arena scope;
        volatile MemorySegment segment;

        @Override
        public long id() {
            return id;
        }

        @Override
        public MemorySegment segment() {
            return segment;
        }
        private long mapped;
        private boolean freed;
        private boolean byOwner;

        Region(long id, long bytes, Throwable origin) {
            this.id = id;
            this.origin = origin;
            Path dir = directory();
            try {
                this.file = Files.createTempFile(dir, "qube-" + id + "-", ".arena");
            } catch (IOException | RuntimeException e) {
                throw full("could not create the file of mapped arena #" + id + " in " + dir + " (set -D"
                        + MappedArenas.DIR_PROPERTY + " to a writable directory)", e);
            }
            try {
                MappedArenas.opened(); // before anything is mapped: refuses when too many are open
            } catch (ArenaFullException e) {
                deleteQuietly(file);
                throw e;
            }
            MappedArenas.created(file);
            Arena first = Arena.ofShared();
            try {
                this.segment = map(first, bytes);
            } catch (ArenaFullException e) {
                deleteQuietly(file);
                MappedArenas.freed();
                throw e;
            }
            this.scope = first;
            this.mapped = bytes;
            MappedArenas.mapped(bytes);
        }

        /** Maps the first {@code bytes} of the file (extending it) into {@code in}; closes {@code in} on failure. */
        private MemorySegment map(Arena in, long bytes) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, in);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                in.close();
                throw full("could not map " + bytes + " bytes of " + file + " for mapped arena #" + id, e);
            }
        }

        private static ArenaFullException full(String message, Throwable cause) {
            ArenaFullException full = new ArenaFullException(message + ": " + cause);
            full.initCause(cause);
            return full;
        }

        /** Maps at least {@code needed} bytes of the file (twice the current size if more); returns the new size. */
        @Override
        public synchronized long grow(long used, long needed) {
            if (freed) {
                throw new IllegalStateException("this mapped arena (#" + id + ") is closed");
            }
            long bigger = Math.max((needed + 7) & ~7L, Math.min(2 * mapped, MAX_BYTES));
            Arena next = Arena.ofShared();
            MemorySegment grown = map(next, bigger);
            Arena old = scope;
            long oldBytes = mapped;
            scope = next;
            segment = grown;
            mapped = bigger;
            old.close();
            MappedArenas.mapped(bigger - oldBytes);
            return bigger;
        }

        @Override
        public synchronized void closedByOwner() {
            byOwner = true;
        }

        /** Unmaps and deletes the file; run at most once, by close() or by the Cleaner. */
        @Override
        public void run() {
            long bytes;
            boolean leak;
            synchronized (this) {
                if (freed) {
                    return;
                }
                freed = true;
                scope.close();
                deleteQuietly(file);
                bytes = mapped;
                leak = !byOwner;
                MappedArenas.unmapped(bytes);
                MappedArenas.freed();
            }
            if (leak) {
                MappedArenas.leaked("mapped arena #" + id + " (" + file + ")", bytes, origin);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
                MappedArenas.deleted(file);
            } catch (IOException e) {
                System.getLogger(OffHeapArenas.LOGGER).log(Level.WARNING, "could not delete the file " + file
                        + " of a closed mapped arena: " + e);
            }
        }
    }
}
