package dev.qube.arena.offheap;

import dev.qube.Qube;
import dev.qube.QubeFormatException;
import dev.qube.internal.format.BinaryImage;
import dev.qube.spi.MemoryArena;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens a file of the {@code binary} qube format ({@code docs/BINARY-FORMAT.md}) in place, by
 * mapping it read-only, instead of reading and copying it as {@code QubeIO.read} does.
 *
 * <pre>{@code
 * try (Qube q = MappedQubes.open(Path.of("catalogue.qube"))) {
 *     q.count();
 *     try (Qube s = q.select(Selection.parse("param=167"), SelectMode.PRUNE)) { ... } // on the "mapped" backend
 * }
 * }</pre>
 */
public final class MappedQubes {

    private MappedQubes() {
    }

    /**
     * Maps {@code file} read-only into a shared {@link Arena}, validates it and returns a qube over
     * its records without copying them.
     *
     * <p><b>Cost.</b> Opening is O(size of the file), never more: the whole image is validated once
     * (header, version, CRC32C checksum, and every record and reference reachable from the root
     * bounds-checked, so no later read can leave the file), which touches every page once. Nothing
     * is copied; afterwards the operating system pages the file in and out as needed.
     *
     * <p>The qube is usable at once, read-only and safe to share between threads. Results of its
     * operations go to fresh arenas of the writable {@code mapped} backend ({@link MappedArenaProvider}).
     * {@link Qube#close()} unmaps the file; every later use of the qube throws
     * {@link IllegalStateException}. A qube dropped without close is unmapped by a {@link Cleaner}
     * and counted by {@link MappedArenas#leakedArenas()}. The file must not be changed while it is
     * mapped (writing it with {@code QubeIO.write} replaces it atomically, which is safe).
     *
     * @throws QubeFormatException if the file is not a valid binary qube (bad magic, unknown version,
     *         truncated, checksum mismatch, unknown codec, a record or reference out of bounds);
     *         nothing stays mapped
     * @throws IOException if the file cannot be opened or mapped, or is not a regular file (a FIFO,
     *         a device: refused at once, never waited on)
     */
    public static Qube open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
            // opening a FIFO would block until a writer comes, and a stream cannot be mapped anyway
            throw new IOException(file + " is not a regular file: only a file can be mapped (read a stream with QubeIO.read)");
        }
        java.nio.file.attribute.BasicFileAttributes attributes = java.nio.file.Files.readAttributes(file,
                java.nio.file.attribute.BasicFileAttributes.class);
        Arena shared = Arena.ofShared();
        try {
            MemorySegment whole;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                whole = size == 0 ? MemorySegment.ofArray(new byte[0]) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, shared);
            }
            BinaryImage.Pieces pieces = BinaryImage.open(whole, file.toString());
            return BinaryImage.qube(pieces, new ReadOnlyArena(shared, whole.byteSize(), pieces.arena(), file, attributes),
                    MappedArenaProvider.NAME);
        } catch (IOException | RuntimeException | Error e) {
            shared.close();
            throw e;
        }
    }

    /**
     * The records of a mapped image as an arena that cannot allocate: its segment is the
     * read-only slice of the mapping and its bytes in use the slice's size; close unmaps the file.
     */
    static final class ReadOnlyArena implements MemoryArena {
        private static final AtomicLong IDS = new AtomicLong();

        /** Least time between two looks at the file, in nanoseconds. */
        private static final long CHECK_NANOS = 10_000_000;

        private final MemorySegment records;
        private final Mapping mapping;
        private final Path file;
        private final Object fileKey;
        private final long size;
        private final java.nio.file.attribute.FileTime modified;
        private volatile long checked = System.nanoTime();
        private final Cleaner.Cleanable cleanable;
        private volatile boolean closed;

        /** An arena over records that are not watched for changes of their file. */
        ReadOnlyArena(Arena shared, long mappedBytes, MemorySegment records, Path file) {
            this(shared, mappedBytes, records, file, null);
        }

        ReadOnlyArena(Arena shared, long mappedBytes, MemorySegment records, Path file,
                java.nio.file.attribute.BasicFileAttributes attributes) {
            this.records = records.asReadOnly();
            this.file = file;
            this.fileKey = attributes == null ? null : attributes.fileKey();
            this.size = attributes == null ? -1 : attributes.size();
            this.modified = attributes == null ? null : attributes.lastModifiedTime();
            long id = IDS.incrementAndGet();
            Throwable origin = OffHeapArenas.debug() ? new Throwable("mapped qube file #" + id + " opened here") : null;
            this.mapping = new Mapping(shared, mappedBytes, "mapped qube file #" + id + " (" + file + ")", origin);
            this.cleanable = MappedArena.CLEANER.register(this, mapping);
        }

        /** @throws IllegalStateException always: a mapped qube file is read-only */
        @Override
        public long allocate(long size, long alignment) {
            checkOpen();
            throw new IllegalStateException("read-only: a qube mapped from a file cannot allocate");
        }

        @Override
        public MemorySegment segment() {
            checkOpen();
            return records;
        }

        @Override
        public long bytesInUse() {
            return closed ? 0 : records.byteSize();
        }

        @Override
        public long bytesReserved() {
            return closed ? 0 : records.byteSize();
        }

        /**
         * Whether the arena is closed; also where a changed file is noticed, since every operation of
         * a qube asks this first: at most every 10 ms the file is looked at, and if the same file
         * (not a new one renamed over it, which leaves the mapping intact) has another size or
         * modification time, the mapping no longer shows what was validated.
         *
         * @throws IllegalStateException if the file changed while mapped
         */
        @Override
        public boolean isClosed() {
            if (!closed && modified != null) {
                long now = System.nanoTime();
                if (now - checked >= CHECK_NANOS) {
                    checked = now;
                    checkUnchanged();
                }
            }
            return closed;
        }

        private void checkUnchanged() {
            java.nio.file.attribute.BasicFileAttributes now;
            try {
                now = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            } catch (IOException e) {
                return; // removed or renamed away: the mapping keeps the old file's pages
            }
            if (fileKey != null && !fileKey.equals(now.fileKey())) {
                return; // another file at the path (replaced atomically): the mapped one is unchanged
            }
            if (now.size() != size || !now.lastModifiedTime().equals(modified)) {
                throw new IllegalStateException("the file " + file + " changed while mapped (" + (now.size() != size
                        ? "its size was " + size + " bytes, now " + now.size() : "it was written in place")
                        + "): its answers can no longer be trusted; close the qube and open the file again, and replace "
                        + "a mapped file atomically (QubeIO.write does) instead of writing it in place");
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            mapping.closedByOwner();
            cleanable.clean();
            Reference.reachabilityFence(this);
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("this " + mapping.what + " is closed");
            }
        }

        @Override
        public String toString() {
            return mapping.what + (closed ? " (closed)" : " (" + records.byteSize() + " bytes)");
        }
    }

    /** The mapping of one opened file and its release action; holds no reference to its arena. */
    private static final class Mapping implements Runnable {
        final String what;
        private final Arena shared;
        private final long bytes;
        private final Throwable origin;
        private boolean freed;
        private boolean byOwner;

        Mapping(Arena shared, long bytes, String what, Throwable origin) {
            this.shared = shared;
            this.bytes = bytes;
            this.what = what;
            this.origin = origin;
            MappedArenas.opened(); // may refuse (too many open); the caller then unmaps
            MappedArenas.mapped(bytes);
        }

        synchronized void closedByOwner() {
            byOwner = true;
        }

        @Override
        public void run() {
            boolean leak;
            synchronized (this) {
                if (freed) {
                    return;
                }
                freed = true;
                shared.close();
                leak = !byOwner;
                MappedArenas.unmapped(bytes);
                MappedArenas.freed();
            }
            if (leak) {
                MappedArenas.leaked(what, bytes, origin);
            }
        }
    }
}
