package dev.qube.arena.offheap;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.MemoryArena;
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

    /** The memory behind one arena; as a cleaning action it must hold no reference to the arena. */
    interface Memory extends Runnable {
        /** A number naming the arena in messages. */
        long id();

        /** The current segment, from offset 0. */
        MemorySegment segment();

        /** Makes room for {@code needed} bytes, keeping the first {@code used}; returns the new capacity. */
        long grow(long used, long needed);

        /** Marks the coming release as the owner's close, not a leak. */
        void closedByOwner();
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
