/**
 * The three service-provider interfaces: where a qube's bytes live ({@link dev.qube.spi.ArenaProvider},
 * {@link dev.qube.spi.MemoryArena}), how keys become ints ({@link dev.qube.spi.InternerProvider}),
 * and how one node's values are encoded ({@link dev.qube.spi.ValueCodec}). Implementations are
 * found with {@link java.util.ServiceLoader}.
 */
package dev.qube.spi;
