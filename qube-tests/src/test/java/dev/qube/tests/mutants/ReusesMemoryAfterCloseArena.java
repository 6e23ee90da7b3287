package dev.qube.tests.mutants;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Broken on purpose: a pooled arena that puts its buffer back into the pool on close while
 * segments handed out earlier still point at it, so the next arena's writes show through them.
 * Everything else (rejecting use after close, bytes back to zero) is correct.
 */
public final class ReusesMemoryAfterCloseArena implements ArenaProvider {

    public static final String NAME = "mutant-reuses-memory";
    private static final Deque<byte[]> POOL = new ArrayDeque<>();

    @Override
    public String name() {
        return NAME;
    }

    private static synchronized byte[] take() {
        byte[] b = POOL.poll();
        return b != null ? b : new byte[4096];
    }

    private static synchronized void give(byte[] b) {
        POOL.push(b); // THE BUG: earlier segments still see this array
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new MemoryArena() {
            private byte[] bytes = take();
            private long used;
            private boolean closed;

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
                    bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(start + size, 2L * bytes.length)));
                }
                used = start + size;
                return start;
            }

            @Override
            public MemorySegment segment() {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                return MemorySegment.ofArray(bytes);
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
                if (!closed) {
                    closed = true;
                    give(bytes);
                    bytes = null;
                }
            }
        };
    }
}
