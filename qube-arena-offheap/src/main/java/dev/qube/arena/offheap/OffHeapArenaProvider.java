package dev.qube.arena.offheap;

import dev.qube.spi.ArenaFeature;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import dev.qube.spi.ProviderName;
import java.util.Set;

/**
 * The {@code offheap} backend: each arena is one contiguous block of native memory from a shared
 * {@link java.lang.foreign.Arena}, readable by many threads once built, freed all at once by
 * {@link MemoryArena#close()} (or by a {@link java.lang.ref.Cleaner} if a qube is dropped without
 * closing). Every access after close throws {@link IllegalStateException}. Select it with
 * {@code -Dqube.arena=offheap} or {@code Qube.builder("offheap")}.
 */
@ProviderName(OffHeapArenaProvider.NAME)
public final class OffHeapArenaProvider implements ArenaProvider {

    /** The name this backend is selected by. */
    public static final String NAME = "offheap";

    /** Creates the provider; {@link java.util.ServiceLoader} does this. */
    public OffHeapArenaProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens an arena whose first block holds at least {@code sizeHint} bytes (at least 4 KiB, at
     * most {@link MemoryArena#MAX_BYTES}).
     *
     * @throws IllegalArgumentException if {@code sizeHint} is negative
     * @throws dev.qube.spi.ArenaFullException if the native memory cannot be reserved
     */
    @Override
    public MemoryArena open(long sizeHint) {
        if (sizeHint < 0) {
            throw new IllegalArgumentException("sizeHint must not be negative, was " + sizeHint);
        }
        return new OffHeapArena(sizeHint);
    }

    @Override
    public Set<ArenaFeature> features() {
        return Set.of(ArenaFeature.NATIVE_MEMORY, ArenaFeature.INVALIDATES_ON_CLOSE, ArenaFeature.CONCURRENT_READS);
    }
}
