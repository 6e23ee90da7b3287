package dev.qube.internal.format;

import dev.qube.QubeFormatException;
import dev.qube.ValueOrder;
import dev.qube.internal.Copier;
import dev.qube.internal.Hashing;
import dev.qube.internal.Providers;
import dev.qube.internal.Store;
import dev.qube.internal.StringTable;
import dev.qube.spi.MemoryArena;
import dev.qube.spi.ValueCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The binary image of a qube: a header, the key and codec tables, the arena records exactly as the
 * engine lays them out ({@link Store}), and a CRC32C. See {@code docs/BINARY-FORMAT.md}.
 *
 * <p>{@link #open} validates an image held in any {@link MemorySegment} (a heap array or a mapped
 * file) without copying it and returns its pieces, the arena records as a slice of the input;
 * every reference reachable from the root is checked once, so reading a validated image never
 * goes out of bounds. {@link #write} writes exactly the live DAG of a store, re-laid out compactly.
 */
public final class BinaryImage {
    private BinaryImage() {
    }

    /** The first eight bytes of every image. */
    public static final byte[] MAGIC = {'Q', 'U', 'B', 'E', 'B', 'I', 'N', 0};
    /**
     * The newest format version this library writes and reads: version 2 adds the per-qube string
     * table (string records in the arena and the {@value StringTable#NAME} encoding of value sets).
     * An image that uses no string table is written as version 1, which older readers read.
     * Version 3 adds metadata (a block record in the arena, see {@code docs/METADATA.md}); only a
     * qube with metadata is written as version 3.
     */
    public static final int VERSION = 3;
    /** The version that adds metadata: header field 60 is the arena offset of the metadata block (0: none). */
    public static final int METADATA_VERSION = 3;
    /** The oldest format version this library reads. */
    public static final int OLDEST_VERSION = 1;
    /** Flag bit: the arena records are big-endian (they are in the writer's native order). */
    public static final int FLAG_BIG_ENDIAN = 1;
    /** Bytes of the fixed header. */
    public static final int HEADER_BYTES = 64;
    /** Bytes of the trailing checksum. */
    public static final int CHECKSUM_BYTES = 4;

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int NODE_HEADER = 20;
    private static final int VS_HEADER = 20;
    private static final int TERMINAL = 0x8000_0000;
    private static final int ROOT_KEY = -1;

    /**
     * A validated image.
     *
     * @param keys the key table: a record's key field indexes it
     * @param codecs the codec table, resolved by name among the installed codecs
     * @param root the root node's offset in {@code arena}
     * @param arena the arena records, a slice of the image (not a copy), offset 0 reserved
     * @param nodes number of distinct nodes reachable from the root, root included
     * @param metadata the arena offset of the metadata block, 0 for none (checked when read)
     */
    public record Pieces(String[] keys, ValueCodec[] codecs, int root, MemorySegment arena, int nodes, int metadata) {
    }

    /**
     * A read-only qube over a validated image's records held in {@code arena} from offset 0 (its
     * segment is {@link Pieces#arena()} or a copy of it); results of operations on the qube go to
     * fresh arenas of the backend named {@code arenaName}. Closing the qube closes {@code arena}.
     */
    public static dev.qube.Qube qube(Pieces p, MemoryArena arena, String arenaName) {
        return dev.qube.internal.Access.qube(Store.open(arena, arenaName, p.keys(), p.codecs()), p.root(), p.metadata());
    }

    // ------------------------------------------------------------------ writing

    /** Writes the live DAG of {@code store} below {@code root} as one image; the caller closes {@code out}. */
    public static void write(Store store, int root, OutputStream out) throws IOException {
        write(store, root, dev.qube.internal.Meta.NONE, out);
    }

    /** Writes the live DAG of {@code store} below {@code root} and its metadata as one image; the caller closes {@code out}. */
    public static void write(Store store, int root, dev.qube.internal.Meta meta, OutputStream out) throws IOException {
        store.checkOpen();
        try (Scratch scratch = new Scratch()) {
            Store compact = new Store(scratch, "binary-writer");
            int newRoot = Copier.copy(store, root, compact);
            int metaRef = meta.isEmpty() ? 0 : compact.writeBlob(meta.encode());
            int nodes = dev.qube.internal.Walks.uniqueNodeCount(compact, newRoot);
            byte[] tables = tables(compact);
            long arenaLength = scratch.bytesInUse();
            long arenaOffset = HEADER_BYTES + align8(tables.length);
            long fileLength = arenaOffset + arenaLength + CHECKSUM_BYTES;
            MemorySegment header = MemorySegment.ofArray(new byte[HEADER_BYTES]);
            MemorySegment.copy(MemorySegment.ofArray(MAGIC), 0, header, 0, MAGIC.length);
            boolean strings = compact.codecTable().stream().anyMatch(StringTable::is);
            header.set(LE_INT, 8, metaRef != 0 ? METADATA_VERSION : strings ? 2 : OLDEST_VERSION);
            header.set(LE_INT, 12, ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? FLAG_BIG_ENDIAN : 0);
            header.set(LE_LONG, 16, fileLength);
            header.set(LE_INT, 24, compact.keyCount());
            header.set(LE_INT, 28, compact.codecTable().size());
            header.set(LE_INT, 32, newRoot);
            header.set(LE_INT, 36, nodes);
            header.set(LE_LONG, 40, arenaLength);
            header.set(LE_LONG, 48, arenaOffset);
            header.set(LE_INT, 56, tables.length);
            header.set(LE_INT, 60, metaRef);
            CRC32C crc = new CRC32C();
            byte[] buf = new byte[1 << 16];
            emit(header.toArray(ValueLayout.JAVA_BYTE), out, crc);
            emit(tables, out, crc);
            emit(new byte[(int) (arenaOffset - HEADER_BYTES - tables.length)], out, crc);
            MemorySegment seg = scratch.segment();
            for (long at = 0; at < arenaLength; at += buf.length) {
                int n = (int) Math.min(buf.length, arenaLength - at);
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, at, buf, 0, n);
                crc.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            byte[] sum = new byte[CHECKSUM_BYTES];
            MemorySegment.ofArray(sum).set(LE_INT, 0, (int) crc.getValue());
            out.write(sum);
        }
    }

    private static void emit(byte[] b, OutputStream out, CRC32C crc) throws IOException {
        crc.update(b, 0, b.length);
        out.write(b);
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    /** Key texts then codec names, each as a little-endian u32 byte length and UTF-8 bytes. */
    private static byte[] tables(Store s) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < s.keyCount(); i++) {
            texts.add(s.keyText(i));
        }
        for (ValueCodec c : s.codecTable()) {
            texts.add(c.name());
        }
        byte[] len = new byte[4];
        for (String t : texts) {
            byte[] u = t.getBytes(StandardCharsets.UTF_8);
            MemorySegment.ofArray(len).set(LE_INT, 0, u.length);
            b.writeBytes(len);
            b.writeBytes(u);
        }
        return b.toByteArray();
    }

    // ------------------------------------------------------------------ reading

    /**
     * Validates an image and returns its pieces; nothing is copied.
     *
     * @param source names the input in errors
     * @throws QubeFormatException for anything wrong (bad magic, unknown version, truncated,
     *         checksum mismatch, unknown codec, a reference or record out of bounds or malformed);
     *         its line is 1 and its column the byte offset plus one
     */
    public static Pieces open(MemorySegment whole, String source) {
        return new Reader(whole, source).read();
    }

    private static final class Reader {
        private final MemorySegment whole;
        private final String source;
        private String[] keys;
        private long[] keyHashes;
        private ValueCodec[] codecs;
        private MemorySegment arena;
        private long arenaLength;
        private long arenaOffset;
        /** Value sets already checked: offset to {hash, first value}. */
        private final Map<Integer, Object[]> valueSets = new HashMap<>();

        Reader(MemorySegment whole, String source) {
            this.whole = whole;
            this.source = source;
        }

        private QubeFormatException fail(long offset, String reason) {
            return new QubeFormatException(source, 1, offset + 1, reason);
        }

        /** An error about a record: {@code at} is its offset in the arena. */
        private QubeFormatException bad(long at, String reason) {
            return fail(arenaOffset + at, reason + " (arena offset " + at + ")");
        }

        Pieces read() {
            long size = whole.byteSize();
            if (size < MAGIC.length || MemorySegment.mismatch(whole, 0, MAGIC.length, MemorySegment.ofArray(MAGIC), 0, MAGIC.length) >= 0) {
                throw fail(0, "not a binary qube: the file does not start with the magic bytes QUBEBIN\\0");
            }
            if (size < HEADER_BYTES + CHECKSUM_BYTES) {
                throw fail(size, "truncated binary qube: " + size + " bytes, shorter than the " + (HEADER_BYTES + CHECKSUM_BYTES)
                        + "-byte header and checksum");
            }
            int version = whole.get(LE_INT, 8);
            if (version < OLDEST_VERSION || version > VERSION) {
                throw fail(8, "unsupported binary qube version " + Integer.toUnsignedString(version) + " (this library reads versions "
                        + OLDEST_VERSION + " to " + VERSION + ")");
            }
            long declared = whole.get(LE_LONG, 16);
            if (declared < HEADER_BYTES + CHECKSUM_BYTES) {
                throw fail(16, "impossible file length " + declared + " in binary qube header");
            }
            if (declared != size) {
                throw fail(Math.min(declared, size), declared > size
                        ? "truncated binary qube: the header says " + declared + " bytes, the file has " + size
                        : "binary qube with " + (size - declared) + " unexpected bytes after its end (header says " + declared + " bytes)");
            }
            CRC32C crc = new CRC32C();
            for (long at = 0, end = size - CHECKSUM_BYTES; at < end; at += 1 << 30) { // a ByteBuffer holds at most 2 GiB
                crc.update(whole.asSlice(at, Math.min(1 << 30, end - at)).asByteBuffer());
            }
            int stored = whole.get(LE_INT, size - CHECKSUM_BYTES);
            if ((int) crc.getValue() != stored) {
                throw fail(size - CHECKSUM_BYTES, "damaged binary qube: checksum mismatch (stored " + hex(stored) + ", computed "
                        + hex((int) crc.getValue()) + ")");
            }
            int flags = whole.get(LE_INT, 12);
            if ((flags & ~FLAG_BIG_ENDIAN) != 0) {
                throw fail(12, "unknown flags " + hex(flags) + " in binary qube header");
            }
            boolean big = (flags & FLAG_BIG_ENDIAN) != 0;
            if (big != (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN)) {
                throw fail(12, "binary qube written on a " + (big ? "big" : "little") + "-endian machine; this one is "
                        + ByteOrder.nativeOrder() + "; convert it through another format");
            }
            int keyCount = whole.get(LE_INT, 24);
            int codecCount = whole.get(LE_INT, 28);
            int root = whole.get(LE_INT, 32);
            int nodes = whole.get(LE_INT, 36);
            arenaLength = whole.get(LE_LONG, 40);
            arenaOffset = whole.get(LE_LONG, 48);
            long tableBytes = Integer.toUnsignedLong(whole.get(LE_INT, 56));
            int metaRef = whole.get(LE_INT, 60);
            if (version < METADATA_VERSION && metaRef != 0) {
                throw fail(60, "reserved header field is not zero");
            }
            if (keyCount < 0 || codecCount < 0) {
                throw fail(24, "negative table size in binary qube header");
            }
            if (arenaOffset != HEADER_BYTES + align8(tableBytes) || arenaLength < 8 || arenaLength > MemoryArena.MAX_BYTES
                    || arenaLength % 4 != 0 || arenaOffset + arenaLength + CHECKSUM_BYTES != size) {
                throw fail(40, "inconsistent section lengths in binary qube header (tables " + tableBytes + " bytes, arena "
                        + arenaLength + " bytes at " + arenaOffset + ", file " + size + " bytes)");
            }
            if ((long) keyCount + codecCount > tableBytes / 4) {
                // each entry takes at least its 4-byte length: refuse before allocating tables of that size
                throw fail(24, "the header says " + keyCount + " keys and " + codecCount + " codecs, more than the " + tableBytes
                        + " bytes of tables can hold");
            }
            long at = HEADER_BYTES;
            long end = HEADER_BYTES + tableBytes;
            keys = new String[keyCount];
            keyHashes = new long[keyCount];
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < keyCount; i++) {
                long start = at;
                keys[i] = text(at, end, "key " + i);
                at += 4 + Integer.toUnsignedLong(whole.get(LE_INT, at));
                if (keys[i].isEmpty() || !distinct.add(keys[i])) {
                    throw fail(start, keys[i].isEmpty() ? "empty key in the key table" : "key '" + keys[i] + "' appears twice in the key table");
                }
                keyHashes[i] = Hashing.text(keys[i]);
            }
            codecs = new ValueCodec[codecCount];
            for (int i = 0; i < codecCount; i++) {
                long start = at;
                String name = text(at, end, "codec " + i);
                at += 4 + Integer.toUnsignedLong(whole.get(LE_INT, at));
                codecs[i] = Providers.codec(name);
                if (StringTable.is(codecs[i]) && version < 2) {
                    throw fail(start, "codec '" + name + "' (the string table) in a version " + version + " image; it needs version 2");
                }
                if (codecs[i] == null) {
                    throw fail(start, "value codec '" + name + "' is not installed; installed: "
                            + Providers.readableCodecNames());
                }
            }
            if (at != end) {
                throw fail(at, "the key and codec tables take " + (at - HEADER_BYTES) + " bytes, the header says " + tableBytes);
            }
            arena = whole.asSlice(arenaOffset, arenaLength);
            int found = walk(root, 32);
            if (found != nodes) {
                throw fail(36, "the header says " + nodes + " nodes, the image holds " + found);
            }
            if (metaRef != 0) {
                checkMetadata(root, metaRef);
            }
            return new Pieces(keys, codecs, root, arena, found, metaRef);
        }

        /** The metadata block: in bounds, decodes, and covers no rank past the identifiers' count. */
        private void checkMetadata(int root, int ref) {
            long at = Integer.toUnsignedLong(ref);
            if (at < 8 || at % 4 != 0 || at + 4 > arenaLength) {
                throw fail(60, "metadata block reference " + at + " is outside the arena or misaligned");
            }
            long len = Integer.toUnsignedLong(arena.get(INT, at));
            if (at + 4 + len > arenaLength) {
                throw bad(at, "metadata block of " + len + " bytes runs past the arena");
            }
            byte[] bytes = arena.asSlice(at + 4, len).toArray(ValueLayout.JAVA_BYTE);
            dev.qube.internal.Meta meta;
            try {
                meta = dev.qube.internal.Meta.decode(bytes);
            } catch (IllegalArgumentException e) {
                throw bad(at, "malformed metadata block: " + e.getMessage());
            }
            long count;
            try {
                count = countIdentifiers(root);
            } catch (ArithmeticException e) {
                throw bad(at, "metadata on a qube of more than " + Long.MAX_VALUE + " identifiers");
            }
            for (int i = 0; i < meta.size(); i++) {
                long[] ends = meta.column(i).ends();
                if (ends.length > 0 && ends[ends.length - 1] > count) {
                    throw bad(at, "metadata key '" + meta.column(i).key() + "' covers rank " + (ends[ends.length - 1] - 1)
                            + " of a qube of " + count + " identifiers");
                }
            }
        }

        /** Identifiers below the (validated) root, in longs. */
        private long countIdentifiers(int root) {
            Map<Integer, Long> memo = new HashMap<>();
            return countBelow(root, memo);
        }

        private long countBelow(int node, Map<Integer, Long> memo) {
            Long known = memo.get(node);
            if (known != null) {
                return known;
            }
            long at = Integer.toUnsignedLong(node);
            int flags = arena.get(INT, at + 4);
            int n = flags & ~TERMINAL;
            boolean isRoot = arena.get(INT, at) == ROOT_KEY;
            long below = !isRoot && (flags & TERMINAL) != 0 ? 1 : 0;
            for (int i = 0; i < n; i++) {
                below = Math.addExact(below, countBelow(arena.get(INT, at + NODE_HEADER + 4L * i), memo));
            }
            long r = isRoot ? below : Math.multiplyExact(below, (long) arena.get(INT, Integer.toUnsignedLong(arena.get(INT, at + 8)) + 4));
            memo.put(node, r);
            return r;
        }

        private String text(long at, long end, String what) {
            if (at + 4 > end) {
                throw fail(at, what + " runs past the end of the tables");
            }
            long len = Integer.toUnsignedLong(whole.get(LE_INT, at));
            if (at + 4 + len > end) {
                throw fail(at, what + " (" + len + " bytes) runs past the end of the tables");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(whole.asSlice(at + 4, len).asByteBuffer()).toString();
            } catch (CharacterCodingException e) {
                throw fail(at + 4, what + " is not valid UTF-8");
            }
        }

        /**
         * Checks every node reachable from the root once (depth first, no recursion); returns how many.
         * {@code rootAt} is the file offset of the root reference.
         */
        private int walk(int root, long rootAt) {
            Map<Integer, BitSet> keysBelow = new HashMap<>(); // doubles as "finished"
            Set<Integer> open = new HashSet<>();
            List<int[]> stack = new ArrayList<>(); // {node, next child}
            enter(root, true, rootAt);
            open.add(root);
            stack.add(new int[] {root, 0});
            while (!stack.isEmpty()) {
                int[] top = stack.getLast();
                int node = top[0];
                long o = Integer.toUnsignedLong(node);
                int n = arena.get(INT, o + 4) & ~TERMINAL;
                if (top[1] < n) {
                    long at = o + NODE_HEADER + 4L * top[1]++;
                    int c = arena.get(INT, at);
                    if (keysBelow.containsKey(c)) {
                        continue;
                    }
                    if (open.contains(c)) {
                        throw bad(o, "node refers to one of its ancestors (a cycle)");
                    }
                    enter(c, false, arenaOffset + at);
                    open.add(c);
                    stack.add(new int[] {c, 0});
                    continue;
                }
                keysBelow.put(node, leave(node, n, keysBelow));
                open.remove(node);
                stack.removeLast();
            }
            return keysBelow.size();
        }

        /**
         * Checks a node record's own fields and bounds, before its children; {@code refAt} is the file
         * offset of the reference to it (where a bad reference is reported).
         */
        private void enter(int node, boolean root, long refAt) {
            long o = Integer.toUnsignedLong(node);
            if (o < 8 || o % 4 != 0 || o + NODE_HEADER > arenaLength) {
                throw fail(refAt, (root ? "root" : "child") + " reference " + o + " is not a node record inside the arena ("
                        + arenaLength + " bytes)");
            }
            int key = arena.get(INT, o);
            int flags = arena.get(INT, o + 4);
            int n = flags & ~TERMINAL;
            boolean terminal = (flags & TERMINAL) != 0;
            if (o + NODE_HEADER + 4L * n > arenaLength) {
                throw bad(o, "node with " + n + " children runs past the end of the arena");
            }
            int vs = arena.get(INT, o + 8);
            if (root) {
                if (key != ROOT_KEY || vs != 0 || terminal) {
                    throw bad(o, "the root reference does not point at a root record");
                }
                return;
            }
            if (key < 0 || key >= keys.length) {
                throw bad(o, "node key index " + key + " is out of range (" + keys.length + " keys)");
            }
            if (!terminal && n == 0) {
                throw bad(o, "node holds no identifier (no children and not terminal)");
            }
            valueSet(vs, arenaOffset + o + 8);
        }

        /** Checks what needs the children done: hash, sibling order, keys once per path. */
        private BitSet leave(int node, int n, Map<Integer, BitSet> keysBelow) {
            long o = Integer.toUnsignedLong(node);
            int key = arena.get(INT, o);
            boolean terminal = (arena.get(INT, o + 4) & TERMINAL) != 0;
            long h = key == ROOT_KEY ? Hashing.nodeStart(0x726f6f74L, 0, terminal)
                    : Hashing.nodeStart(keyHashes[key], (long) valueSets.get(arena.get(INT, o + 8))[0], terminal);
            BitSet below = new BitSet();
            String prevKey = null;
            String prevFirst = null;
            Map<Integer, Set<String>> sameKey = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int c = arena.get(INT, o + NODE_HEADER + 4L * i);
                long co = Integer.toUnsignedLong(c);
                h = Hashing.nodeChild(h, arena.get(LONG, co + 12));
                below.or(keysBelow.get(c));
                int ck = arena.get(INT, co);
                int cvs = arena.get(INT, co + 8);
                String first = (String) valueSets.get(cvs)[1];
                String ckText = keys[ck];
                if (prevKey != null) {
                    int cmp = ValueOrder.compareCodePoints(prevKey, ckText);
                    if (cmp > 0 || (cmp == 0 && ValueOrder.INSTANCE.compare(prevFirst, first) >= 0)) {
                        throw bad(o, "children are not in canonical order (child " + i + ")");
                    }
                }
                prevKey = ckText;
                prevFirst = first;
                if (i + 1 < n && keys[arena.get(INT, Integer.toUnsignedLong(arena.get(INT, o + NODE_HEADER + 4L * (i + 1))))].equals(ckText)
                        || sameKey.containsKey(ck)) {
                    Set<String> seen = sameKey.computeIfAbsent(ck, k -> new HashSet<>());
                    for (String v : values(cvs)) {
                        if (!seen.add(v)) {
                            throw bad(o, "children with key '" + ckText + "' share the value '" + v + "'");
                        }
                    }
                }
            }
            if (h != arena.get(LONG, o + 12)) {
                throw bad(o, "node hash does not match its content");
            }
            if (key != ROOT_KEY) {
                if (below.get(key)) {
                    throw bad(o, "key '" + keys[key] + "' appears twice on one path");
                }
                below.set(key);
            }
            return below;
        }

        /**
         * Checks a value-set record once: bounds, codec, a decode confined to its payload, order, hash;
         * {@code refAt} is the file offset of the reference to it.
         */
        private void valueSet(int vs, long refAt) {
            if (valueSets.containsKey(vs)) {
                return;
            }
            long o = Integer.toUnsignedLong(vs);
            if (o < 8 || o % 4 != 0 || o + VS_HEADER > arenaLength) {
                throw fail(refAt, "value-set reference " + o + " is not inside the arena (" + arenaLength + " bytes)");
            }
            int codec = arena.get(INT, o);
            int count = arena.get(INT, o + 4);
            long payload = Integer.toUnsignedLong(arena.get(INT, o + 16));
            if (codec < 0 || codec >= codecs.length) {
                throw bad(o, "value-set codec index " + codec + " is out of range (" + codecs.length + " codecs)");
            }
            if (count <= 0) {
                throw bad(o, "value set with " + count + " values");
            }
            if (o + VS_HEADER + payload > arenaLength) {
                throw bad(o, "value set of " + payload + " bytes runs past the end of the arena");
            }
            List<String> values = new ArrayList<>(Math.min(count, 1024));
            MemorySegment slice = arena.asSlice(o + VS_HEADER, payload);
            if (StringTable.is(codecs[codec])) {
                tableValues(o, slice, count, values);
            } else {
                try {
                    if (codecs[codec].count(slice, 0) != count) {
                        throw bad(o, "value set says " + count + " values, its codec '" + codecs[codec].name() + "' disagrees");
                    }
                    codecs[codec].decode(slice, 0, values);
                } catch (QubeFormatException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw bad(o, "value set cannot be decoded by codec '" + codecs[codec].name() + "': " + e.getMessage());
                }
            }
            if (values.size() != count) {
                throw bad(o, "value set says " + count + " values, its codec decodes " + values.size());
            }
            for (int i = 0; i < count; i++) {
                String v = values.get(i);
                if (v == null || v.isEmpty() || (i > 0 && ValueOrder.INSTANCE.compare(values.get(i - 1), v) >= 0)) {
                    throw bad(o, "value set is not a list of distinct, non-empty values in canonical order");
                }
            }
            if (Hashing.values(values) != arena.get(LONG, o + 8)) {
                throw bad(o, "value-set hash does not match its values");
            }
            valueSets.put(vs, new Object[] {Hashing.values(values), values.get(0)});
        }

        /** Reads a string-table value set at {@code o} (payload {@code slice}): each reference checked. */
        private void tableValues(long o, MemorySegment slice, int count, List<String> into) {
            if (slice.byteSize() != 4L * count) {
                throw bad(o, "string-table value set of " + count + " values has " + slice.byteSize() + " payload bytes, not "
                        + 4L * count);
            }
            for (int i = 0; i < count; i++) {
                long ref = Integer.toUnsignedLong(slice.get(INT, 4L * i));
                String text = StringTable.checkedText(arena, arenaLength, ref);
                if (text == null) {
                    throw bad(o, "string reference " + ref + " (value " + i + ") is not a string record inside the arena");
                }
                into.add(text);
            }
        }

        private List<String> values(int vs) {
            long o = Integer.toUnsignedLong(vs);
            List<String> out = new ArrayList<>();
            if (StringTable.is(codecs[arena.get(INT, o)])) {
                for (int i = 0, n = arena.get(INT, o + 4); i < n; i++) {
                    out.add(StringTable.checkedText(arena, arenaLength, Integer.toUnsignedLong(arena.get(INT, o + VS_HEADER + 4L * i))));
                }
                return out;
            }
            codecs[arena.get(INT, o)].decode(arena.asSlice(o + VS_HEADER, Integer.toUnsignedLong(arena.get(INT, o + 16))), 0, out);
            return out;
        }
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    /** A growable native region for laying out an image; freed when closed. */
    private static final class Scratch implements MemoryArena {
        private Arena memory = Arena.ofConfined();
        private MemorySegment segment = memory.allocate(1 << 12, 8);
        private long used;
        private boolean closed;

        @Override
        public long allocate(long size, long alignment) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            long start = (used + alignment - 1) & -alignment;
            long end = start + size;
            if (end > MAX_BYTES) {
                throw new dev.qube.spi.ArenaFullException("a binary qube holds at most 4 GiB");
            }
            if (end > segment.byteSize()) {
                Arena grown = Arena.ofConfined();
                MemorySegment bigger = grown.allocate(Math.max(end, Math.min(2 * segment.byteSize(), MAX_BYTES)), 8);
                MemorySegment.copy(segment, 0, bigger, 0, used);
                memory.close();
                memory = grown;
                segment = bigger;
            }
            segment.asSlice(used, start - used).fill((byte) 0);
            used = end;
            return start;
        }

        @Override
        public MemorySegment segment() {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return segment;
        }

        @Override
        public long bytesInUse() {
            return used;
        }

        @Override
        public long bytesReserved() {
            return closed ? 0 : segment.byteSize();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                memory.close();
            }
        }
    }
}
