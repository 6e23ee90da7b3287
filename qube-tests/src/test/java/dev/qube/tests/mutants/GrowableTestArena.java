package dev.qube.tests.mutants;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A growable {@code byte[]} arena, right as it stands; each broken arena overrides one step of it
 * ({@link #grow}, {@link #place}, {@link #view}) the way a plausible bug would.
 */
abstract class GrowableTestArena implements MemoryArena {
    protected byte[] bytes;
    protected long used;
    protected boolean closed;

    GrowableTestArena() {
        this(new byte[64]);
    }

    /** An arena that starts in {@code initial} (a pooled arena hands its own array in). */
    GrowableTestArena(byte[] initial) {
        this.bytes = initial;
    }

    /** A bigger array (at least {@code needed} bytes, {@code capacity} suggested) holding what {@code old} held. */
    protected byte[] grow(byte[] old, long needed, int capacity) {
        return Arrays.copyOf(old, capacity);
    }

    /** The offset handed out for an allocation that starts at {@code start}. */
    protected long place(long start) {
        return start;
    }

    /** The segment over {@code array}. */
    protected MemorySegment view(byte[] array) {
        return MemorySegment.ofArray(array);
    }

    @Override
    public long allocate(long size, long alignment) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        long start = (used + alignment - 1) & -alignment;
        if (start + size > Integer.MAX_VALUE - 8) {
            throw new ArenaFullException("at most 2 GiB");
        }
        if (start + size > bytes.length) {
            bytes = grow(bytes, start + size, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(start + size, 2L * bytes.length)));
        }
        used = start + size;
        return place(start);
    }

    @Override
    public MemorySegment segment() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        return view(bytes);
    }

    @Override
    public long bytesInUse() {
        return closed ? 0 : used;
    }

    @Override
    public long bytesReserved() {
        return closed ? 0 : bytes.length;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        bytes = null;
    }
}
