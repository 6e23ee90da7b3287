package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.QubeFormatException;
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

    /** Images up to this size are read into a byte array; larger ones (up to the 4 GiB arena limit) off the heap. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    /**
     * Reads the header first and checks magic, version and declared length before reading the
     * rest: a stream that is not a valid image is refused after 64 bytes, not after reading it all
     * (a 10 MB gzip that inflates to gigabytes, a wrong version). Then reads exactly the declared
     * length, in pieces as they arrive (a header claiming gigabytes allocates nothing up front).
     */
    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        byte[] head = in.readNBytes(BinaryImage.HEADER_BYTES);
        if (head.length < BinaryImage.HEADER_BYTES) {
            return load(BinaryImage.open(MemorySegment.ofArray(head), source), options.arena()); // its error
        }
        long declared = checkHeader(head, source);
        if (declared <= MAX_ARRAY) {
            byte[] rest = in.readNBytes((int) (declared - head.length));
            checkLength(in, source, declared, head.length + (long) rest.length);
            byte[] bytes = new byte[(int) declared];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(rest, 0, bytes, head.length, rest.length);
            rest = null;
            return load(BinaryImage.open(MemorySegment.ofArray(bytes), source), options.arena());
        }
        // past a Java array: off the heap. The bytes are first read into pieces as they come, so a
        // header that declares gigabytes over a short input costs the input, not the declared size
        try (java.lang.foreign.Arena image = java.lang.foreign.Arena.ofShared()) {
            MemorySegment whole;
            try (java.lang.foreign.Arena temp = java.lang.foreign.Arena.ofShared()) {
                java.util.List<MemorySegment> pieces = new java.util.ArrayList<>();
                byte[] chunk = new byte[1 << 20];
                long at = head.length;
                while (at < declared) {
                    MemorySegment piece = temp.allocate(Math.min(PIECE, declared - at), 8);
                    long filled = 0;
                    for (int n; filled < piece.byteSize()
                            && (n = in.read(chunk, 0, (int) Math.min(chunk.length, piece.byteSize() - filled))) >= 0; filled += n) {
                        MemorySegment.copy(chunk, 0, piece, java.lang.foreign.ValueLayout.JAVA_BYTE, filled, n);
                    }
                    pieces.add(piece.asSlice(0, filled));
                    at += filled;
                    if (filled < piece.byteSize()) {
                        break; // the input ended early
                    }
                }
                checkLength(in, source, declared, at);
                whole = image.allocate(declared, 8);
                MemorySegment.copy(head, 0, whole, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, head.length);
                long to = head.length;
                for (MemorySegment p : pieces) {
                    MemorySegment.copy(p, 0, whole, to, p.byteSize());
                    to += p.byteSize();
                }
            } // the pieces are copied: freed before the qube is built
            return load(BinaryImage.open(whole, source), options.arena());
        }
    }

    /** Bytes of one piece of an image read off the heap. */
    private static final long PIECE = 64L << 20;

    /** Magic, version and a possible length; returns the declared length. */
    private static long checkHeader(byte[] head, String source) {
        MemorySegment h = MemorySegment.ofArray(head);
        if (MemorySegment.mismatch(h, 0, BinaryImage.MAGIC.length, MemorySegment.ofArray(BinaryImage.MAGIC), 0,
                BinaryImage.MAGIC.length) >= 0) {
            throw new QubeFormatException(source, 1, 1, "not a binary qube: the file does not start with the magic bytes QUBEBIN\\0");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(8);
        if (version < BinaryImage.OLDEST_VERSION || version > BinaryImage.VERSION) {
            throw new QubeFormatException(source, 1, 9, "unsupported binary qube version " + Integer.toUnsignedString(version)
                    + " (this library reads versions " + BinaryImage.OLDEST_VERSION + " to " + BinaryImage.VERSION + ")");
        }
        long declared = b.getLong(16);
        long most = dev.qube.spi.MemoryArena.MAX_BYTES + (1L << 32) + BinaryImage.HEADER_BYTES + BinaryImage.CHECKSUM_BYTES + 8;
        if (declared < BinaryImage.HEADER_BYTES + BinaryImage.CHECKSUM_BYTES || declared > most) {
            throw new QubeFormatException(source, 1, 17, "impossible file length " + declared + " in binary qube header");
        }
        return declared;
    }

    /** The stream held exactly the declared length. */
    private static void checkLength(InputStream in, String source, long declared, long got) throws IOException {
        if (got < declared) {
            throw new QubeFormatException(source, 1, got + 1,
                    "truncated binary qube: the header says " + declared + " bytes, the file has " + got);
        }
        if (in.read() >= 0) {
            throw new QubeFormatException(source, 1, declared + 1,
                    "binary qube with unexpected bytes after its end (header says " + declared + " bytes)");
        }
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
