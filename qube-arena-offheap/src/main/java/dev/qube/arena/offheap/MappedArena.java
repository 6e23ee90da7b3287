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

    /** A temporary file, mapped; growth maps a larger region of the same file, so nothing is copied. */
    private static final class Region extends DoublingArena.Memory {
        final Path file;

        Region(long id, long bytes, Throwable origin) {
            super("mapped", id, origin);
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
            try {
                start(bytes);
            } catch (ArenaFullException e) {
                deleteQuietly(file);
                MappedArenas.freed();
                throw e;
            }
            MappedArenas.mapped(bytes);
        }

        /**
         * Maps the first {@code bytes} of the file (extending it) into {@code in}; closes {@code in} on
         * failure. A file channel closes itself when its thread is interrupted, so an interrupt
         * pending on the building thread would fail the growth: the flag is set aside while mapping
         * (and the map retried if an interrupt arrives meanwhile), then restored.
         */
        @Override
        MemorySegment open(Arena in, long bytes) {
            boolean interrupted = Thread.interrupted();
            try {
                for (int attempt = 1; ; attempt++) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        allocate(ch, bytes);
                        return ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, in);
                    } catch (java.nio.channels.ClosedByInterruptException e) {
                        interrupted |= Thread.interrupted();
                        if (attempt == 3) {
                            throw e;
                        }
                    }
                }
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                in.close();
                throw full("could not map " + bytes + " bytes of " + file + " for mapped arena #" + id
                        + " (free space there, or set -D" + MappedArenas.DIR_PROPERTY + " to another directory)", e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Gives the file its blocks up to {@code bytes} by writing zeros past its end: a mapping only
         * extends it sparsely, and a page that then finds the disk full is a {@code SIGBUS} (an
         * {@link InternalError} at some later write). Writing first makes a full disk an
         * {@link IOException} here, so growth fails with {@link ArenaFullException}.
         */
        private static void allocate(FileChannel ch, long bytes) throws IOException {
            long at = ch.size();
            if (at >= bytes) {
                return;
            }
            java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate((int) Math.min(1 << 20, bytes - at));
            while (at < bytes) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
                while (zeros.hasRemaining()) {
                    at += ch.write(zeros, at);
                }
            }
        }

        @Override
        void carry(MemorySegment from, MemorySegment to, long used) {
            // both mappings show the same file: what was written is already there
        }

        @Override
        void grown(long oldBytes, long newBytes) {
            MappedArenas.mapped(newBytes - oldBytes);
        }

        @Override
        void released(long bytes) {
            deleteQuietly(file);
            MappedArenas.unmapped(bytes);
            MappedArenas.freed();
        }

        @Override
        void leaked(long bytes) {
            MappedArenas.leaked("mapped arena #" + id + " (" + file + ")", bytes, origin);
        }

        private static ArenaFullException full(String message, Throwable cause) {
            ArenaFullException full = new ArenaFullException(message + ": " + cause);
            full.initCause(cause);
            return full;
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
