package dev.qube.tests.mutants;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;

/**
 * Broken on purpose: growth copies the old bytes in one chunk of at most 256 KiB (the loop over
 * chunks was forgotten), so everything past 256 KiB is lost when the arena grows beyond 512 KiB.
 * Small arenas are right.
 */
public final class PartialCopyOnGrowthArena implements ArenaProvider {

    static final int CHUNK = 256 << 10;

    @Override
    public String name() {
        return "mutant-partial-copy";
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new GrowableTestArena() {
            @Override
            protected byte[] grow(byte[] old, long needed, int capacity) {
                byte[] fresh = new byte[capacity];
                System.arraycopy(old, 0, fresh, 0, Math.min(old.length, CHUNK)); // THE BUG: one chunk only
                return fresh;
            }
        };
    }
}
