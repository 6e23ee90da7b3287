package dev.qube.internal;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's per-qube string table: each distinct text of a qube's string-table value sets is
 * stored once in the qube's arena, as a string record {@code int byteLength | UTF-8 bytes}
 * (padded to 4), and a value set refers to its texts by the records' references (arena offsets,
 * unsigned 32-bit) in canonical order of the texts. The payload of such a value set is just
 * {@code int ref[count]} (the count is in the value-set record header).
 *
 * <p>This is not a third-party {@link ValueCodec}: the payload means something only together with
 * the arena it lives in, so {@link Store} encodes, decodes, copies and searches it itself. It takes
 * part in the codec choice as the codec named {@value #NAME}, with the size of {@link #encodedSize}
 * (a function of the texts alone, so equal texts always get the same encoding); its methods that
 * take a segment are not meant to be called on it and throw.
 */
public final class StringTable implements ValueCodec {

    /** The name written into binary images. */
    public static final String NAME = "strings";

    /** The one instance. */
    public static final StringTable INSTANCE = new StringTable();

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private StringTable() {
    }

    /** Whether {@code c} is the engine's string table. */
    public static boolean is(ValueCodec c) {
        return c == INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * What the set costs in the table at most: its payload of references plus a string record for
     * each text, as if none were in the table yet (texts shared with other sets of the table cost
     * nothing more). The engine compares this with the other codecs' payloads padded to 4 bytes.
     */
    @Override
    public long encodedSize(List<String> values) {
        long bytes = 4L * values.size();
        boolean ascii = Utf8Codec.ascii(values);
        for (String v : values) {
            bytes += recordBytesOfLength(Utf8Codec.utf8Length(v, ascii));
        }
        return bytes;
    }

    /** Bytes of the string record of {@code text} (header and padding included). */
    public static long recordBytes(String text) {
        return recordBytesOfLength(Utf8Codec.utf8Length(text));
    }

    /** Bytes of a string record holding {@code utf8Length} bytes of text (header and padding included). */
    static long recordBytesOfLength(long utf8Length) {
        return (4 + utf8Length + 3) & ~3L;
    }

    private static UnsupportedOperationException engineOnly() {
        return new UnsupportedOperationException("the '" + NAME + "' encoding is the engine's per-qube string table; "
                + "only the engine reads and writes it");
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        throw engineOnly();
    }

    @Override
    public int count(MemorySegment source, long offset) {
        throw engineOnly();
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        throw engineOnly();
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        throw engineOnly();
    }

    @Override
    public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        throw engineOnly();
    }

    /** Bytes of a string record's text, read from {@code arena} at {@code ref} (trusted records). */
    static String text(MemorySegment arena, int ref) {
        long o = Integer.toUnsignedLong(ref);
        int len = arena.get(INT, o);
        if (len < 0 || o + 4 + len > arena.byteSize()) {
            throw new IndexOutOfBoundsException("string record of " + len + " bytes at " + o + " is outside the arena");
        }
        byte[] b = new byte[len];
        MemorySegment.copy(arena, ValueLayout.JAVA_BYTE, o + 4, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * The text of the string record at {@code ref} of an untrusted arena of {@code arenaLength}
     * bytes, or null when the reference or record is out of bounds, misaligned or not valid UTF-8.
     */
    public static String checkedText(MemorySegment arena, long arenaLength, long ref) {
        if (ref < 8 || ref % 4 != 0 || ref + 4 > arenaLength) {
            return null;
        }
        long len = Integer.toUnsignedLong(arena.get(INT, ref));
        if (len == 0 || ref + 4 + len > arenaLength) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(arena.asSlice(ref + 4, len).asByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
