package dev.qube.arena.heap;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A region backed by a {@code long[]} (8-byte aligned, up to {@link MemoryArena#MAX_BYTES}), grown
 * by doubling with one copy. Closing drops the array: the garbage collector reclaims it once no
 * reader holds the old segment, and every later {@link #segment()} throws.
 */
final class HeapArena implements MemoryArena {

    private long[] words;
    private MemorySegment segment;
    private long used;
    private volatile boolean closed;

    HeapArena(long sizeHint) {
        int initial = (int) Math.min(Math.max(sizeHint, 256) / 8, 1 << 20);
        words = new long[initial];
        segment = MemorySegment.ofArray(words);
    }

    @Override
    public long allocate(long size, long alignment) {
        checkOpen();
        if (size < 0 || alignment <= 0 || alignment > 8 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("size " + size + ", alignment " + alignment);
        }
        long start = (used + alignment - 1) & -alignment;
        long end = start + size;
        if (end > MAX_BYTES) {
            throw new ArenaFullException("heap arena limit of 4 GiB reached (asked for " + size + " bytes at " + start + ")");
        }
        long capacity = (long) words.length * 8;
        if (end > capacity) {
            long grown = Math.max(end, Math.min(capacity * 2, MAX_BYTES));
            words = Arrays.copyOf(words, (int) ((grown + 7) / 8));
            segment = MemorySegment.ofArray(words);
        }
        used = end;
        return start;
    }

    @Override
    public MemorySegment segment() {
        checkOpen();
        return segment;
    }

    @Override
    public long bytesInUse() {
        return closed ? 0 : used;
    }

    @Override
    public long bytesReserved() {
        return closed ? 0 : (long) words.length * 8;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        words = new long[0];
        segment = MemorySegment.ofArray(words);
        used = 0;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this arena is closed");
        }
    }
}
