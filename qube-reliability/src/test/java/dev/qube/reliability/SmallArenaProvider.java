package dev.qube.reliability;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A heap arena that holds at most {@link #capacity} bytes and counts its open arenas: it makes
 * {@link ArenaFullException} happen in the middle of an operation, and shows whether the operation
 * closed the arena of its unfinished result. Registered through META-INF/services in the test resources.
 */
public final class SmallArenaProvider implements ArenaProvider {

    public static final String NAME = "test-small";
    public static volatile long capacity = 16 << 10;
    public static final AtomicInteger OPEN = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MemoryArena open(long sizeHint) {
        OPEN.incrementAndGet();
        return new MemoryArena() {
            private byte[] bytes = new byte[64];
            private long used;
            private boolean closed;

            @Override
            public long allocate(long size, long alignment) {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                long start = (used + alignment - 1) & -alignment;
                if (start + size > capacity) {
                    throw new ArenaFullException("test arena holds at most " + capacity + " bytes");
                }
                if (start + size > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, Math.max(start + size, 2L * bytes.length)));
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
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    bytes = null;
                    OPEN.decrementAndGet();
                }
            }
        };
    }
}
