package dev.qube.arena.offheap;

import dev.qube.spi.ArenaFeature;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import dev.qube.spi.ProviderName;
import java.util.Set;

/**
 * The {@code mapped} backend: each arena is a temporary file mapped into memory
 * ({@link java.nio.channels.FileChannel#map} into a shared {@link java.lang.foreign.Arena}), so a
 * qube's bytes are backed by the file system's page cache rather than the Java heap or anonymous
 * native memory. The file is created in {@code -D}{@value MappedArenas#DIR_PROPERTY} (default
 * {@code java.io.tmpdir}) and deleted when the arena is closed (or, as a safety net, when its qube
 * becomes unreachable). Every access after close throws {@link IllegalStateException}. Select it with
 * {@code -Dqube.arena=mapped} or {@code Qube.builder("mapped")}; {@link MappedQubes#open} maps a
 * binary qube file read-only and puts the results of its operations on this backend.
 */
@ProviderName(MappedArenaProvider.NAME)
public final class MappedArenaProvider implements ArenaProvider {

    /** The name this backend is selected by. */
    public static final String NAME = "mapped";

    /** Creates the provider; {@link java.util.ServiceLoader} does this. */
    public MappedArenaProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens an arena over a new temporary file whose first mapping holds at least {@code sizeHint}
     * bytes (at least 4 KiB, at most {@link MemoryArena#MAX_BYTES}).
     *
     * @throws IllegalArgumentException if {@code sizeHint} is negative
     * @throws dev.qube.spi.ArenaFullException if the file cannot be created or mapped
     */
    @Override
    public MemoryArena open(long sizeHint) {
        if (sizeHint < 0) {
            throw new IllegalArgumentException("sizeHint must not be negative, was " + sizeHint);
        }
        return new MappedArena(sizeHint);
    }

    @Override
    public Set<ArenaFeature> features() {
        return Set.of(ArenaFeature.INVALIDATES_ON_CLOSE, ArenaFeature.CONCURRENT_READS);
    }
}
