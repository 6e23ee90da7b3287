package com.example.tiny;

import dev.qube.spi.ArenaFeature;
import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

/**
 * A third party's arena, written only for this test: native memory from one shared
 * {@link Arena}, grown by allocating a bigger segment and copying; closing the arena frees every
 * segment at once and invalidates them.
 */
public final class TinyArenaProvider implements ArenaProvider {

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public Set<ArenaFeature> features() {
        return EnumSet.of(ArenaFeature.NATIVE_MEMORY, ArenaFeature.INVALIDATES_ON_CLOSE, ArenaFeature.CONCURRENT_READS);
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new Tiny(Math.max(256, sizeHint));
    }

    private static final class Tiny implements MemoryArena {
        private final Arena memory = Arena.ofShared();
        private MemorySegment segment;
        private long used;
        private long reserved;

        Tiny(long initial) {
            segment = memory.allocate(initial, 8);
            reserved = initial;
        }

        @Override
        public synchronized long allocate(long size, long alignment) {
            checkOpen();
            long start = (used + alignment - 1) & -alignment;
            if (start + size > MAX_BYTES) {
                throw new ArenaFullException("tiny arenas hold at most 4 GiB");
            }
            if (start + size > segment.byteSize()) {
                MemorySegment bigger = memory.allocate(Math.max(start + size, 2 * segment.byteSize()), 8);
                MemorySegment.copy(segment, 0, bigger, 0, used);
                reserved += bigger.byteSize();
                segment = bigger;
            }
            used = start + size;
            return start;
        }

        @Override
        public synchronized MemorySegment segment() {
            checkOpen();
            return segment;
        }

        @Override
        public synchronized long bytesInUse() {
            return isClosed() ? 0 : used;
        }

        @Override
        public synchronized long bytesReserved() {
            return isClosed() ? 0 : reserved;
        }

        @Override
        public boolean isClosed() {
            return !memory.scope().isAlive();
        }

        @Override
        public synchronized void close() {
            if (!isClosed()) {
                memory.close();
            }
        }

        private void checkOpen() {
            if (isClosed()) {
                throw new IllegalStateException("this tiny arena is closed");
            }
        }
    }
}
