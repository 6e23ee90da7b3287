package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.ReadOptions;
import dev.qube.internal.Access;
import dev.qube.internal.Providers;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

/**
 * The binary format ({@link BinaryImage}): reading validates the whole image, then copies its
 * arena records into a fresh arena of the chosen backend in one block copy (no per-node work);
 * writing writes the live DAG.
 */
final class BinaryFormat implements FormatReader, FormatWriter {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        byte[] bytes = in.readAllBytes();
        BinaryImage.Pieces p = BinaryImage.open(MemorySegment.ofArray(bytes), source);
        return load(p, options.arena());
    }

    /** A qube over a validated image's records, copied into a fresh arena of the named backend. */
    static Qube load(BinaryImage.Pieces p, String arenaName) {
        ArenaProvider provider = Providers.arena(arenaName);
        long length = p.arena().byteSize();
        MemoryArena arena = provider.open(length);
        try {
            long at = arena.allocate(length, 8);
            if (at != 0) {
                throw new IllegalStateException("arena backend '" + provider.name() + "' did not start its first allocation at offset 0");
            }
            MemorySegment.copy(p.arena(), 0, arena.segment(), 0, length);
            return BinaryImage.qube(p, arena, provider.name());
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        // the copy into the image's layout recurses once per level: deep qubes need a deep stack
        try {
            dev.qube.internal.Deep.run(qube.depth() + 1, () -> {
                try {
                    BinaryImage.write(Access.store(qube), Access.root(qube), Access.meta(qube), out);
                    return null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
