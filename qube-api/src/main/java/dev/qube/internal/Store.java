package dev.qube.internal;

import dev.qube.spi.ArenaFullException;
import dev.qube.spi.Interner;
import dev.qube.spi.MemoryArena;
import dev.qube.spi.ValueCodec;
import dev.qube.spi.ValueSetSizing;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One qube's memory: node records and value-set records laid into a {@link MemoryArena}, with the
 * key table and codec table that give the records meaning. Writable while a qube is built, then
 * {@link #seal() sealed} and read-only (safe for concurrent readers).
 *
 * <p>Layout (all records 4-byte aligned; a reference is the record's offset, unsigned 32-bit; 0 is
 * "none"):
 * <pre>
 * value set: int codec | int count | long hash | int payloadBytes | payload (codec's own)
 * string:    int byteLength | UTF-8 bytes    (the per-qube string table, see {@link StringTable})
 * node:      int key   | int flags (bit 31 terminal, bits 0-30 child count) | int valueSet
 *            | long hash | int child[count]
 * </pre>
 * Nodes are written bottom-up (children first) and hash-consed: equal subtrees are stored once, so
 * inside one store node equality is reference equality. Value sets are hash-consed too. The root is
 * a node with key -1 and no value set. Hashes are defined on texts ({@link Hashing}).
 */
public final class Store {

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final int TERMINAL = 0x8000_0000;
    static final int NODE_HEADER = 20;
    static final int VS_HEADER = 20;

    private final MemoryArena arena;
    private final String arenaName;
    private MemorySegment seg;

    // key table: local index -> global (interned) id and text
    private int[] keyGlobal = new int[8];
    private String[] keyText = new String[8];
    private long[] keyHash = new long[8];
    private int keyCount;
    private int[] keyLocal = new int[0]; // global id -> local index + 1 (0: absent)

    // codec table: local index -> codec
    private final List<ValueCodec> codecs = new ArrayList<>();
    /*
     * The codecs every value set written here was chosen from (Providers.codecs() when the store
     * was created), or null for a store opened over records written elsewhere. Equal texts must
     * get one reference in a store (nodes are hash-consed on references), so a value set is copied
     * byte for byte only from a store that chose from the same list; otherwise it is written anew.
     */
    private final List<ValueCodec> choice;

    // first value of each value set decoded so far (sibling order needs it often)
    private final java.util.concurrent.ConcurrentHashMap<Integer, String> firstValues = new java.util.concurrent.ConcurrentHashMap<>();

    /*
     * Value sets copied from the few most recent source stores: source reference -> reference
     * here. A binary operation copies from both its operands in turn; with one slot, each switch
     * of operand dropped what was copied (a tenth of a union's time went to copying sets again).
     */
    private static final int COPY_SOURCES = 4;
    private Store[] copySources = new Store[COPY_SOURCES];
    private IntMap[] copied = new IntMap[COPY_SOURCES];
    private int copyEvict;

    // unique tables, dropped by seal()
    private OpenTable nodeTable = new OpenTable();
    private OpenTable valueTable = new OpenTable();
    // value sets written from texts, by their texts: skips choosing a codec again (dropped by seal())
    private java.util.HashMap<List<String>, Integer> byTexts = new java.util.HashMap<>();
    /*
     * Value sets written as the union of several sources (Siblings merging entries of one key and
     * one body), by those sources: a select or union merges the same few sets again and again
     * (select param=167 on climate_dt_large: 861 merges of 4 distinct source lists), and each
     * merge decodes, sorts and encodes. Dropped by seal(); emptied when it grows past
     * BY_TEXTS_LIMIT.
     */
    private java.util.HashMap<List<Object>, Integer> merged = new java.util.HashMap<>();
    // the string table: each text of a string-table value set once, by its text (dropped by seal())
    private java.util.HashMap<String, Integer> strings = new java.util.HashMap<>();
    private byte[] scratch = new byte[256];
    private volatile boolean sealed;

    public Store(MemoryArena arena, String arenaName) {
        this.arena = arena;
        this.arenaName = arenaName;
        arena.allocate(8, 8); // offset 0 is reserved: a reference of 0 means "none"
        this.seg = arena.segment();
        this.choice = Providers.codecs();
    }

    private Store(MemoryArena arena, String arenaName, String[] keys, ValueCodec[] codecs) {
        this.arena = arena;
        this.arenaName = arenaName;
        this.seg = arena.segment();
        for (String k : keys) {
            if (localKey(k) != keyCount - 1) {
                throw new IllegalArgumentException("duplicate key in key table: '" + k + "'");
            }
        }
        this.codecs.addAll(Arrays.asList(codecs));
        this.choice = null;
        seal();
    }

    /**
     * A sealed store over records already laid out in {@code arena} from offset 0 (the reserved
     * 8 bytes included), as a binary image holds them: records refer to keys and codecs by their
     * index in {@code keys} and {@code codecs}. The caller has validated the records; keys are
     * interned in the process-wide key table.
     *
     * @throws IllegalArgumentException if {@code keys} repeats a key
     */
    public static Store open(MemoryArena arena, String arenaName, String[] keys, ValueCodec[] codecs) {
        return new Store(arena, arenaName, keys, codecs);
    }

    /**
     * A size for a per-node memo of one walk: at most how many nodes this store holds (a node
     * record takes 24 bytes or more), capped at 2^20 so that a store of many value-set bytes
     * does not ask for a huge table (the memo grows past that).
     */
    public int memoSize() {
        return (int) Math.min(1 << 20, arena.bytesInUse() / (NODE_HEADER + 4) + 16);
    }

    public String arenaName() {
        return arenaName;
    }

    // the dense numbering of the nodes below the last root asked for (sealed stores only)
    private volatile java.lang.ref.SoftReference<DenseNodes> dense;

    /** The numbering {@link #dense} keeps for {@code root}, or null if none is kept. */
    DenseNodes keptDense(int root) {
        checkOpen();
        java.lang.ref.SoftReference<DenseNodes> held = dense;
        DenseNodes d = held == null ? null : held.get();
        return d != null && d.ref[d.root()] == root ? d : null;
    }

    /**
     * The distinct nodes below {@code root} numbered densely, children first: built on the first
     * walk that asks and, once the store is sealed (it never changes again), kept softly for the
     * next ones. Reads the records, so it throws like any read if the arena is closed.
     */
    DenseNodes dense(int root) {
        DenseNodes d = keptDense(root);
        if (d == null) {
            d = DenseNodes.of(this, root);
            if (sealed) {
                dense = new java.lang.ref.SoftReference<>(d);
            }
        }
        return d;
    }

    public MemoryArena arena() {
        return arena;
    }

    /** The current segment; throws {@link IllegalStateException} once the arena is closed. */
    public MemorySegment segment() {
        if (arena.isClosed()) {
            throw new IllegalStateException("this qube is closed");
        }
        return seg;
    }

    /** Throws {@link IllegalStateException} if the arena is closed. */
    public void checkOpen() {
        if (arena.isClosed()) {
            throw new IllegalStateException("this qube is closed");
        }
    }

    /** Drops the build-time tables; the store is read-only from now on. */
    public void seal() {
        sealed = true;
        nodeTable = null;
        valueTable = null;
        byTexts = null;
        merged = null;
        strings = null;
        scratch = null;
        copySources = null;
        copied = null;
        seg = arena.segment();
    }

    // ---------------------------------------------------------------- keys

    /** Local index of a key given its global id, adding it to the table if new. */
    public int localKey(int globalId) {
        if (globalId < keyLocal.length && keyLocal[globalId] != 0) {
            return keyLocal[globalId] - 1;
        }
        checkWritable();
        if (keyCount == keyGlobal.length) {
            keyGlobal = Arrays.copyOf(keyGlobal, keyCount * 2);
            keyText = Arrays.copyOf(keyText, keyCount * 2);
            keyHash = Arrays.copyOf(keyHash, keyCount * 2);
        }
        Interner in = Providers.keys();
        keyGlobal[keyCount] = globalId;
        keyText[keyCount] = in.text(globalId);
        keyHash[keyCount] = Hashing.text(keyText[keyCount]);
        if (globalId >= keyLocal.length) {
            keyLocal = Arrays.copyOf(keyLocal, Math.max(globalId + 1, keyLocal.length * 2));
        }
        keyLocal[globalId] = keyCount + 1;
        return keyCount++;
    }

    /** Local index of a key given its text. */
    public int localKey(String text) {
        return localKey(Providers.keys().intern(text));
    }

    public int keyCount() {
        return keyCount;
    }

    public String keyText(int local) {
        return keyText[local];
    }

    public int keyGlobal(int local) {
        return keyGlobal[local];
    }

    // ---------------------------------------------------------------- node reads

    private static long at(int ref) {
        return Integer.toUnsignedLong(ref);
    }

    public int key(int node) {
        return seg.get(INT, at(node));
    }

    public boolean terminal(int node) {
        return (seg.get(INT, at(node) + 4) & TERMINAL) != 0;
    }

    public int childCount(int node) {
        return seg.get(INT, at(node) + 4) & ~TERMINAL;
    }

    public int child(int node, int i) {
        return seg.get(INT, at(node) + NODE_HEADER + 4L * i);
    }

    public int[] children(int node) {
        int n = childCount(node);
        int[] c = new int[n];
        MemorySegment.copy(seg, INT, at(node) + NODE_HEADER, c, 0, n);
        return c;
    }

    public int valueSet(int node) {
        return seg.get(INT, at(node) + 8);
    }

    public long hash(int node) {
        return seg.get(LONG, at(node) + 12);
    }

    public String keyTextOf(int node) {
        return keyText[key(node)];
    }

    // ---------------------------------------------------------------- value-set reads

    public int valueCount(int vs) {
        return seg.get(INT, at(vs) + 4);
    }

    public long valuesHash(int vs) {
        return seg.get(LONG, at(vs) + 8);
    }

    public ValueCodec codec(int vs) {
        return codecs.get(seg.get(INT, at(vs)));
    }

    public long payload(int vs) {
        return at(vs) + VS_HEADER;
    }

    public List<String> values(int vs) {
        ValueCodec c = codec(vs);
        if (StringTable.is(c)) {
            return new ArrayList<>(tableTexts(vs));
        }
        List<String> out = new ArrayList<>(valueCount(vs));
        c.decode(seg, payload(vs), out);
        return out;
    }

    /** The texts of string-table value set {@code vs}, read from their records as they are asked for. */
    private List<String> tableTexts(int vs) {
        long p = payload(vs);
        int n = valueCount(vs);
        final class Texts extends java.util.AbstractList<String> implements java.util.RandomAccess {
            @Override
            public String get(int i) {
                java.util.Objects.checkIndex(i, n);
                return StringTable.text(seg, seg.get(INT, p + 4L * i));
            }

            @Override
            public int size() {
                return n;
            }
        }
        return new Texts();
    }

    public boolean containsValue(int vs, String value) {
        ValueCodec c = codec(vs);
        if (StringTable.is(c)) {
            // the texts are in canonical order: a binary search reads O(log n) of them
            return java.util.Collections.binarySearch(tableTexts(vs), value, dev.qube.ValueOrder.INSTANCE) >= 0;
        }
        return c.contains(seg, payload(vs), value);
    }

    /** The first value in canonical order (siblings are ordered by it); cached per value set. */
    public String firstValue(int vs) {
        String f = firstValues.get(vs);
        if (f == null) {
            f = values(vs).get(0);
            firstValues.put(vs, f);
        }
        return f;
    }

    public List<ValueCodec> codecTable() {
        return List.copyOf(codecs);
    }

    // ---------------------------------------------------------------- writes

    private void checkWritable() {
        if (sealed) {
            throw new IllegalStateException("a built qube is immutable");
        }
        checkOpen();
    }

    private long allocate(long size) {
        long off = arena.allocate(size, 4);
        if (off + size > MemoryArena.MAX_BYTES) {
            throw new ArenaFullException("a qube may hold at most 4 GiB; this one needs more");
        }
        seg = arena.segment();
        return off;
    }

    private int codecIndex(ValueCodec c) {
        for (int i = 0; i < codecs.size(); i++) {
            if (codecs.get(i) == c) {
                return i;
            }
        }
        codecs.add(c);
        return codecs.size() - 1;
    }

    /**
     * Stores a value set (distinct values, canonical order, not empty) once; the smallest codec
     * that can encode it is used.
     */
    public int writeValues(List<String> canonical) {
        checkWritable();
        if (canonical.isEmpty()) {
            throw new IllegalArgumentException("empty value set");
        }
        List<ValueCodec> installed = choice;
        if (byTexts.size() > BY_TEXTS_LIMIT) {
            byTexts.clear();
        }
        boolean remember = canonical.size() <= BY_TEXTS_MAX_VALUES;
        Integer known = remember ? byTexts.get(canonical) : null;
        if (known != null) {
            return known;
        }
        int ref = writeNewValues(canonical, installed);
        if (remember) {
            byTexts.put(List.copyOf(canonical), ref);
        }
        // the first value is known here: sibling order, and selections and unions of this qube
        // (which copy it with the set), need not decode the set to find it
        firstValues.putIfAbsent(ref, canonical.get(0));
        return ref;
    }

    /**
     * The value set written earlier as the union of {@code sources} (each a list of texts or a
     * stored set of some store, as {@link Siblings} names them), or null.
     */
    Integer merged(List<Object> sources) {
        checkWritable();
        return merged.get(sources);
    }

    /** Remembers that {@code vs} was written as the union of {@code sources} (which must not change afterwards). */
    void rememberMerged(List<Object> sources, int vs) {
        checkWritable();
        if (merged.size() > BY_TEXTS_LIMIT) {
            merged.clear();
        }
        merged.put(sources, vs);
    }

    /** Value sets remembered by their texts before the memory is given back. */
    private static final int BY_TEXTS_LIMIT = 1 << 16;
    /** Larger sets are rarely written twice: not worth a copy of their texts. */
    private static final int BY_TEXTS_MAX_VALUES = 1024;

    private static long aligned(long bytes) {
        return (bytes + 3L) & ~3L;
    }

    /** Whether value set {@code ref} of this store holds exactly {@code texts}. */
    private boolean sameTexts(int ref, List<String> texts) {
        return valueCount(ref) == texts.size() && values(ref).equals(texts);
    }

    /**
     * Writes a value set not known by its texts, with the smallest encoding among the chosen codecs.
     * The string table, when chosen, competes with its size as if none of the set's texts were in
     * the table yet ({@link StringTable#encodedSize}): so the choice depends on the texts alone
     * (equal texts always get the same encoding, whatever was written before, and the bytes of a
     * qube do not depend on the order it was built in), the table never costs more than the best
     * codec, and each text shared with another set of the table is a saving on top. On a tie the
     * table wins: its texts may be shared.
     */
    private int writeNewValues(List<String> canonical, List<ValueCodec> installed) {
        long hash = Hashing.values(canonical);
        ValueCodec best = null;
        long bestSize = Long.MAX_VALUE;
        boolean table = false;
        // one scratch per set, shared by the codecs: what one read from the texts the others reuse
        ValueSetSizing sizing = new ValueSetSizing(canonical);
        for (ValueCodec c : installed) {
            if (StringTable.is(c)) {
                table = true;
                continue;
            }
            long s = c.encodedSize(sizing);
            if (s >= 0 && s < bestSize) {
                best = c;
                bestSize = s;
            }
        }
        // compared as records (payloads padded to 4); a tie goes to the table, whose texts may be shared
        if (table && (best == null || StringTable.INSTANCE.encodedSize(canonical) <= aligned(bestSize))) {
            int found = valueTable.find(hash, ref -> sameTexts(ref, canonical));
            return found != 0 ? found : writeStringSet(canonical, hash);
        }
        if (best == null) {
            // only under a codec override: none of the chosen codecs can encode this set
            best = Providers.fallbackCodec();
            bestSize = best.encodedSize(sizing);
        }
        if (bestSize > Integer.MAX_VALUE - VS_HEADER) {
            throw new ArenaFullException("value set too large to encode (" + canonical.size() + " values)");
        }
        int len = (int) bestSize;
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        MemorySegment tmp = MemorySegment.ofArray(scratch);
        best.encode(sizing, tmp, 0);
        int codecIdx = codecIndex(best);
        int found = valueTable.find(hash, ref -> {
            long o = at(ref);
            return seg.get(INT, o) == codecIdx
                    && seg.get(INT, o + 16) == len
                    && MemorySegment.mismatch(seg, o + VS_HEADER, o + VS_HEADER + len, tmp, 0, len) < 0
                    || sameTexts(ref, canonical);
        });
        if (found != 0) {
            return found;
        }
        long off = allocate(VS_HEADER + aligned(len));
        seg.set(INT, off, codecIdx);
        seg.set(INT, off + 4, canonical.size());
        seg.set(LONG, off + 8, hash);
        seg.set(INT, off + 16, len);
        MemorySegment.copy(tmp, 0, seg, off + VS_HEADER, len);
        int ref = (int) off;
        valueTable.add(hash, ref);
        return ref;
    }

    /** Writes a value set (not stored yet) as references into the string table. */
    private int writeStringSet(List<String> canonical, long hash) {
        long len = 4L * canonical.size();
        if (len > Integer.MAX_VALUE - VS_HEADER) {
            throw new ArenaFullException("value set too large to encode (" + canonical.size() + " values)");
        }
        // string records first (each text once per store), then the set that refers to them
        int[] refs = new int[canonical.size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = intern(canonical.get(i));
        }
        int codecIdx = codecIndex(StringTable.INSTANCE);
        long off = allocate(VS_HEADER + len);
        seg.set(INT, off, codecIdx);
        seg.set(INT, off + 4, refs.length);
        seg.set(LONG, off + 8, hash);
        seg.set(INT, off + 16, (int) len);
        MemorySegment.copy(refs, 0, seg, INT, off + VS_HEADER, refs.length);
        int ref = (int) off;
        valueTable.add(hash, ref);
        return ref;
    }

    /**
     * Stores a copy of value set {@code vs} of store {@code src} (once), copying its encoded bytes
     * without decoding; {@code src} may be this store.
     */
    public int copyValues(Store src, int vs) {
        if (src == this) {
            return vs;
        }
        checkWritable();
        IntMap done = copiedFrom(src);
        long known = done.get(vs);
        if (known != IntMap.MISSING) {
            return (int) known;
        }
        int ref = copyValuesOnce(src, vs);
        done.put(vs, ref);
        return ref;
    }

    /** What was copied from {@code src} so far (the oldest source's record is dropped when all slots are taken). */
    private IntMap copiedFrom(Store src) {
        for (int i = 0; i < COPY_SOURCES; i++) {
            if (copySources[i] == src) {
                return copied[i];
            }
        }
        int i = copyEvict;
        copyEvict = (copyEvict + 1) % COPY_SOURCES;
        copySources[i] = src;
        return copied[i] = new IntMap(64);
    }

    private int copyValuesOnce(Store src, int vs) {
        ValueCodec codec = src.codec(vs);
        if (src.choice == null || src.choice != choice || StringTable.is(codec)) {
            // string-table references mean something only in their own arena: write the texts anew
            return writeValues(src.values(vs));
        }
        long so = at(vs);
        MemorySegment sseg = src.seg;
        int len = sseg.get(INT, so + 16);
        long hash = sseg.get(LONG, so + 8);
        int count = sseg.get(INT, so + 4);
        int codecIdx = codecIndex(codec);
        int found = valueTable.find(hash, ref -> {
            long o = at(ref);
            return seg.get(INT, o) == codecIdx
                    && seg.get(INT, o + 16) == len
                    && MemorySegment.mismatch(seg, o + VS_HEADER, o + VS_HEADER + len, sseg, so + VS_HEADER, so + VS_HEADER + len) < 0
                    || sameTexts(ref, src.values(vs));
        });
        if (found != 0) {
            return found;
        }
        long off = allocate(VS_HEADER + ((len + 3L) & ~3L));
        seg.set(INT, off, codecIdx);
        seg.set(INT, off + 4, count);
        seg.set(LONG, off + 8, hash);
        seg.set(INT, off + 16, len);
        MemorySegment.copy(sseg, so + VS_HEADER, seg, off + VS_HEADER, len);
        int ref = (int) off;
        valueTable.add(hash, ref);
        String first = src.firstValues.get(vs);
        if (first != null) {
            firstValues.put(ref, first);
        }
        return ref;
    }

    /** The reference of the string record of {@code text}, written if this store has none yet. */
    private int intern(String text) {
        Integer known = strings.get(text);
        if (known != null) {
            return known;
        }
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long off = allocate(4L + aligned(b.length));
        seg.set(INT, off, b.length);
        MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, off + 4, b.length);
        int ref = (int) off;
        strings.put(text, ref);
        return ref;
    }

    /**
     * Stores an opaque block of bytes ({@code int byteLength | bytes}, padded to 4): the engine's
     * metadata columns. Returns its reference.
     */
    public int writeBlob(byte[] bytes) {
        checkWritable();
        long off = allocate(4L + aligned(bytes.length));
        seg.set(INT, off, bytes.length);
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, off + 4, bytes.length);
        return (int) off;
    }

    /** The bytes of block {@code ref} written by {@link #writeBlob}. */
    public byte[] blob(int ref) {
        MemorySegment s = segment();
        int n = s.get(INT, at(ref));
        byte[] out = new byte[n];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at(ref) + 4, out, 0, n);
        return out;
    }

    /** Stores a node once (children: canonical, already in this store). */
    public int writeNode(int key, int valueSet, boolean terminal, int[] children, int n) {
        checkWritable();
        long h = key < 0 ? Hashing.nodeStart(0x726f6f74L, 0, terminal)
                : Hashing.nodeStart(keyHash[key], valuesHash(valueSet), terminal);
        for (int i = 0; i < n; i++) {
            h = Hashing.nodeChild(h, hash(children[i]));
        }
        int flags = n | (terminal ? TERMINAL : 0);
        long hash = h;
        int found = nodeTable.find(hash, ref -> {
            long o = at(ref);
            if (seg.get(INT, o) != key || seg.get(INT, o + 4) != flags || seg.get(INT, o + 8) != valueSet) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (seg.get(INT, o + NODE_HEADER + 4L * i) != children[i]) {
                    return false;
                }
            }
            return true;
        });
        if (found != 0) {
            return found;
        }
        long off = allocate(NODE_HEADER + 4L * n);
        seg.set(INT, off, key);
        seg.set(INT, off + 4, flags);
        seg.set(INT, off + 8, valueSet);
        seg.set(LONG, off + 12, hash);
        MemorySegment.copy(children, 0, seg, INT, off + NODE_HEADER, n);
        int ref = (int) off;
        nodeTable.add(hash, ref);
        return ref;
    }

    /** Stores a root node over the given top-level children. */
    public int writeRoot(int[] children, int n) {
        return writeNode(-1, 0, false, children, n);
    }

    /** An open-addressing table of references keyed by their 64-bit hash. */
    private static final class OpenTable {
        private long[] hashes = new long[64];
        private int[] refs = new int[64];
        private int size;

        interface Match {
            boolean test(int ref);
        }

        int find(long hash, Match match) {
            int mask = refs.length - 1;
            for (int i = (int) (hash ^ (hash >>> 32)) & mask; refs[i] != 0; i = (i + 1) & mask) {
                if (hashes[i] == hash && match.test(refs[i])) {
                    return refs[i];
                }
            }
            return 0;
        }

        void add(long hash, int ref) {
            if (2 * (size + 1) > refs.length) {
                long[] oh = hashes;
                int[] or = refs;
                hashes = new long[or.length * 2];
                refs = new int[or.length * 2];
                for (int i = 0; i < or.length; i++) {
                    if (or[i] != 0) {
                        put(oh[i], or[i]);
                    }
                }
            }
            put(hash, ref);
            size++;
        }

        private void put(long hash, int ref) {
            int mask = refs.length - 1;
            int i = (int) (hash ^ (hash >>> 32)) & mask;
            while (refs[i] != 0) {
                i = (i + 1) & mask;
            }
            hashes[i] = hash;
            refs[i] = ref;
        }
    }
}
