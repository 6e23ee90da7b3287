package dev.qube.tests.mutants;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.util.ArrayDeque;
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
        return new GrowableTestArena(take()) {
            @Override
            public void close() {
                if (!closed) {
                    give(bytes);
                }
                super.close();
            }
        };
    }
}
