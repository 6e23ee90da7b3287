package dev.qube.tests.mutants;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Broken on purpose: native memory from {@link Arena#ofConfined()} (the fastest kind, and the
 * author did not declare {@code CONCURRENT_READS}), so only the thread that opened an arena may
 * touch it. Everything done on one thread is right; the engine's own threads get
 * {@link WrongThreadException}.
 */
public final class ConfinedArena implements ArenaProvider {

    @Override
    public String name() {
        return "mutant-confined";
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new MemoryArena() {
            private Arena memory = Arena.ofConfined(); // THE BUG: confined to the opening thread
            private MemorySegment segment = memory.allocate(64, 8);
            private long used;
            private boolean closed;

            @Override
            public long allocate(long size, long alignment) {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                long start = (used + alignment - 1) & -alignment;
                if (start + size > MAX_BYTES) {
                    throw new ArenaFullException("at most 4 GiB");
                }
                if (start + size > segment.byteSize()) {
                    Arena bigger = Arena.ofConfined();
                    MemorySegment s = bigger.allocate(Math.max(start + size, 2 * segment.byteSize()), 8);
                    s.copyFrom(segment);
                    memory.close();
                    memory = bigger;
                    segment = s;
                }
                used = start + size;
                return start;
            }

            @Override
            public MemorySegment segment() {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                return segment;
            }

            @Override
            public long bytesInUse() {
                return closed ? 0 : used;
            }

            @Override
            public long bytesReserved() {
                return closed ? 0 : segment.byteSize();
            }

            @Override
            public boolean isClosed() {
                return closed;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    memory.close();
                }
            }
        };
    }
}
