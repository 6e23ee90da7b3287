package dev.qube.tests.mutants;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;

/** Broken on purpose: growing allocates a bigger array but forgets to copy what was written. */
public final class LosesWritesOnGrowthArena implements ArenaProvider {

    public static final String NAME = "mutant-loses-writes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new GrowableTestArena() {
            @Override
            protected byte[] grow(byte[] old, long needed, int capacity) {
                return new byte[capacity]; // THE BUG: what was written is not copied
            }
        };
    }
}
