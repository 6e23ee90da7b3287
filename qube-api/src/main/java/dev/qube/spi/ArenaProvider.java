package dev.qube.spi;

import java.util.Set;

/**
 * A memory backend, found by {@link java.util.ServiceLoader} and picked by {@link #name()}.
 *
 * <p>Implementations are registered with {@code provides dev.qube.spi.ArenaProvider with ...} in
 * {@code module-info.java} and, for class-path users, in
 * {@code META-INF/services/dev.qube.spi.ArenaProvider}. Selection by name happens without
 * instantiating other providers when the provider class is annotated with {@link ProviderName}.
 */
public interface ArenaProvider {

    /** The name users pick this backend by ({@code -Dqube.arena=NAME}); lower case, stable. */
    String name();

    /** Opens a fresh, empty arena; {@code sizeHint} is a guess of the bytes needed (may be 0). */
    MemoryArena open(long sizeHint);

    /** What this backend can do beyond the basic contract. */
    default Set<ArenaFeature> features() {
        return Set.of();
    }
}
