package dev.qube.arena.heap;

import dev.qube.spi.ArenaFeature;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import dev.qube.spi.ProviderName;
import java.util.Set;

/** The {@code heap} backend (the default): each arena is a growable {@code long[]} on the Java heap. */
@ProviderName(HeapArenaProvider.NAME)
public final class HeapArenaProvider implements ArenaProvider {

    public static final String NAME = "heap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new HeapArena(sizeHint);
    }

    @Override
    public Set<ArenaFeature> features() {
        return Set.of(ArenaFeature.CONCURRENT_READS);
    }
}
