package dev.qube.tests.mutants;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;

/**
 * Broken on purpose: offsets are handed out in 20 bits (as if packed into a handle with a 12-bit
 * tag), so past 1 MiB they wrap around and new allocations overlap old ones. Below 1 MiB it is right.
 */
public final class NarrowOffsetArena implements ArenaProvider {

    @Override
    public String name() {
        return "mutant-narrow-offsets";
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new GrowableTestArena() {
            @Override
            protected long place(long start) {
                return start & 0xF_FFFF; // THE BUG: 20 bits of offset
            }
        };
    }
}
