package dev.qube.arena.offheap;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;

/**
 * What the {@code offheap} and {@code mapped} arenas share: bump allocation in one segment that
 * doubles when full, exact accounting, and a close that releases the memory at once (or a
 * {@link Cleaner} that releases it for an arena nobody closed). Subclasses supply the memory.
 */
abstract class DoublingArena implements MemoryArena {

    static final long MIN_CAPACITY = 4096;

    /**
     * The memory behind one arena and its release action. As the arena's cleaning action it holds
     * no reference to the arena, so that the arena can become unreachable and be cleaned. Growth
     * and release synchronize on it, so a close racing a growth never leaks or frees twice.
     * Subclasses say how a segment is opened, what growth carries over, and what release means.
     */
    abstract static class Memory implements Runnable {
        final long id;
        final Throwable origin;
        private final String kind;
        private Arena scope;
        private volatile MemorySegment segment;
        private long size;
        private boolean freed;
        private boolean byOwner;

        Memory(String kind, long id, Throwable origin) {
            this.kind = kind;
            this.id = id;
            this.origin = origin;
        }

        /** Opens the first segment; subclass constructors call it once. */
        final void start(long bytes) {
            Arena first = Arena.ofShared();
            segment = open(first, bytes);
            scope = first;
            size = bytes;
        }

        /** A segment of {@code bytes} in {@code in}; closes {@code in} and throws {@link ArenaFullException} on failure. */
        abstract MemorySegment open(Arena in, long bytes);

        /** Makes what was written in {@code from} readable in {@code to} (a copy, or nothing when both show one file). */
        abstract void carry(MemorySegment from, MemorySegment to, long used);

        /** Accounts for growth from {@code oldBytes} to {@code newBytes}, the old segment already released. */
        abstract void grown(long oldBytes, long newBytes);

        /** Accounts for the release of {@code bytes}, the segment already closed (under the lock). */
        abstract void released(long bytes);

        /** Reports an arena that was never closed (outside the lock). */
        abstract void leaked(long bytes);

        final long id() {
            return id;
        }

        final MemorySegment segment() {
            return segment;
        }

        /** Moves to a segment of at least {@code needed} bytes (twice the current size if more); returns its size. */
        final synchronized long grow(long used, long needed) {
            if (freed) {
                throw new IllegalStateException("this " + kind + " arena (#" + id + ") is closed");
            }
            long bigger = Math.max((needed + 7) & ~7L, Math.min(2 * size, MAX_BYTES));
            Arena next = Arena.ofShared();
            MemorySegment grown = open(next, bigger);
            carry(segment, grown, used);
            Arena old = scope;
            long oldBytes = size;
            scope = next;
            segment = grown;
            size = bigger;
            old.close(); // a segment of the old memory still held by anyone now throws
            grown(oldBytes, bigger);
            return bigger;
        }

        final synchronized void closedByOwner() {
            byOwner = true;
        }

        /** Releases the memory; runs at most once, by close() or by the Cleaner. */
        @Override
        public final void run() {
            long bytes;
            boolean leak;
            synchronized (this) {
                if (freed) {
                    return;
                }
                freed = true;
                scope.close();
                bytes = size;
                leak = !byOwner;
                released(bytes);
            }
            if (leak) {
                leaked(bytes);
            }
        }
    }

    private final String kind;
    private final Memory memory;
    private final Cleaner.Cleanable cleanable;
    /** Writer-thread state: bytes handed out and the capacity of the current segment. */
    private long used;
    private long capacity;
    private volatile boolean closed;

    DoublingArena(String kind, Memory memory, long capacity, Cleaner cleaner) {
        this.kind = kind;
        this.memory = memory;
        this.capacity = capacity;
        this.cleanable = cleaner.register(this, memory);
    }

    /** The first capacity for a size hint: at least {@value #MIN_CAPACITY}, 8-byte aligned, at most 4 GiB. */
    static long firstCapacity(long sizeHint) {
        return Math.min(MAX_BYTES, Math.max(MIN_CAPACITY, (sizeHint + 7) & ~7L));
    }

    final Memory memory() {
        return memory;
    }

    @Override
    public final long allocate(long size, long alignment) {
        checkOpen();
        if (size < 0 || alignment <= 0 || alignment > 8 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("allocate needs size >= 0 and a power-of-two alignment <= 8;"
                    + " got size " + size + ", alignment " + alignment);
        }
        long start = (used + alignment - 1) & -alignment;
        if (size > MAX_BYTES || start + size > MAX_BYTES) {
            throw new ArenaFullException(kind + " arena limit of 4 GiB reached (asked for " + size
                    + " bytes at offset " + start + ")");
        }
        long end = start + size;
        if (end > capacity) {
            capacity = memory.grow(used, end);
        }
        used = end;
        return start;
    }

    @Override
    public final MemorySegment segment() {
        checkOpen();
        return memory.segment();
    }

    @Override
    public final long bytesInUse() {
        return closed ? 0 : used;
    }

    @Override
    public final long bytesReserved() {
        return closed ? 0 : capacity;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory.closedByOwner();
        cleanable.clean();
        Reference.reachabilityFence(this);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + kind + " arena (#" + memory.id() + ") is closed");
        }
    }

    @Override
    public String toString() {
        return kind + " arena #" + memory.id() + (closed ? " (closed)" : " (" + used + " of " + capacity + " bytes used)");
    }
}
