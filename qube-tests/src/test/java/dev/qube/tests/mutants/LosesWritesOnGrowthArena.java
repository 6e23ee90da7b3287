package dev.qube.tests.mutants;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.MemorySegment;

/** Broken on purpose: growing allocates a bigger array but forgets to copy what was written. */
public final class LosesWritesOnGrowthArena implements ArenaProvider {

    public static final String NAME = "mutant-loses-writes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MemoryArena open(long sizeHint) {
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
                if (start + size > Integer.MAX_VALUE - 8) {
                    throw new ArenaFullException("at most 2 GiB");
                }
                if (start + size > bytes.length) {
                    bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(start + size, 2L * bytes.length))]; // THE BUG
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
                closed = true;
                bytes = null;
            }
        };
    }
}
