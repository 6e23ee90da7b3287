package dev.qube.internal;

import dev.qube.ValueOrder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The metadata of one qube, decoded: one {@link Column} per metadata key, keys in code-point
 * order. A column maps identifier ranks (the position of an identifier in canonical order) to a
 * non-empty set of texts, run-length encoded, the sets dictionary encoded. No object per
 * identifier: a run is an entry of two primitive arrays.
 *
 * <p>Canonical form (so equal metadata compares and encodes identically, whatever the build
 * order): runs are maximal (no two adjacent runs hold the same set), no run is empty, no column
 * ends in an absent run, a column holds at least one present run, and the dictionary holds exactly
 * the sets used, in order of first use. Texts of a set are in canonical value order.
 */
public final class Meta {

    /** No metadata at all: a qube without metadata. */
    public static final Meta NONE = new Meta(new Column[0]);

    /**
     * One metadata key: runs of ranks {@code [ends[i-1], ends[i])} (the first from 0) holding set
     * {@code dict[ids[i]]}, or nothing when {@code ids[i]} is -1.
     */
    public record Column(String key, long[] ends, int[] ids, List<String>[] dict) {

        /** Run index holding rank {@code r}, or {@code runs()} when past the last run. */
        public int runOf(long r) {
            int i = Arrays.binarySearch(ends, r);
            return i >= 0 ? i + 1 : -i - 1;
        }

        public int runs() {
            return ends.length;
        }

        public long start(int run) {
            return run == 0 ? 0 : ends[run - 1];
        }

        /** The set at rank {@code r}, or null. */
        public List<String> at(long r) {
            int i = runOf(r);
            return i < ends.length && ids[i] >= 0 ? dict[ids[i]] : null;
        }

        boolean sameAs(Column o) {
            if (!key.equals(o.key) || !Arrays.equals(ends, o.ends) || !Arrays.equals(ids, o.ids) || dict.length != o.dict.length) {
                return false;
            }
            for (int i = 0; i < dict.length; i++) {
                if (!dict[i].equals(o.dict[i])) {
                    return false;
                }
            }
            return true;
        }

        long hash() {
            long h = Hashing.text(key);
            for (int i = 0; i < ends.length; i++) {
                h = Hashing.mix(h * 31 + ends[i]);
                h = Hashing.mix(h ^ (ids[i] < 0 ? 0x5bd1e995L : Hashing.values(dict[ids[i]])));
            }
            return h;
        }
    }

    private final Column[] columns;

    public Meta(Column[] columns) {
        this.columns = columns;
    }

    public boolean isEmpty() {
        return columns.length == 0;
    }

    public int size() {
        return columns.length;
    }

    public Column column(int i) {
        return columns[i];
    }

    /** The column of {@code key}, or null. */
    public Column column(String key) {
        for (Column c : columns) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }

    public List<String> keys() {
        List<String> out = new ArrayList<>(columns.length);
        for (Column c : columns) {
            out.add(c.key);
        }
        return out;
    }

    /** Runs in all columns. */
    public long runCount() {
        long n = 0;
        for (Column c : columns) {
            n += c.runs();
        }
        return n;
    }

    /** A structural hash defined on texts; 0 for no metadata. */
    public long hash() {
        long h = 0;
        for (Column c : columns) {
            h = Hashing.mix(h * 31 + c.hash());
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Meta m) || m.columns.length != columns.length) {
            return false;
        }
        for (int i = 0; i < columns.length; i++) {
            if (!columns[i].sameAs(m.columns[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash());
    }

    /** The metadata limited to the given keys. */
    public Meta keep(java.util.Collection<String> keys) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (keys.contains(c.key)) {
                out.add(c);
            }
        }
        return out.size() == columns.length ? this : new Meta(out.toArray(Column[]::new));
    }

    /** The metadata with {@code column} in place of the column of its key (null columns remove it). */
    public Meta with(String key, Column column) {
        List<Column> out = new ArrayList<>();
        boolean placed = false;
        for (Column c : columns) {
            int cmp = ValueOrder.compareCodePoints(c.key, key);
            if (cmp == 0) {
                if (column != null) {
                    out.add(column);
                }
                placed = true;
            } else {
                if (cmp > 0 && !placed) {
                    if (column != null) {
                        out.add(column);
                    }
                    placed = true;
                }
                out.add(c);
            }
        }
        if (!placed && column != null) {
            out.add(column);
        }
        return out.isEmpty() ? NONE : new Meta(out.toArray(Column[]::new));
    }

    // ------------------------------------------------------------------ encoding

    /** Version of the encoded form below. */
    static final int ENCODING = 1;
    private static final int KIND_STRINGS = 0;
    private static final int KIND_INTS = 1;
    private static final int FLAG_SINGLETONS = 1;
    private static final int FLAG_IMPLICIT_IDS = 2;

    /**
     * The columns as bytes (byte-order free): varints, bit-packed dictionary ids, dictionaries of
     * integer texts as bit-packed offsets from their minimum, other texts as UTF-8.
     */
    public byte[] encode() {
        Bytes out = new Bytes();
        out.varint(ENCODING);
        out.varint(columns.length);
        for (Column c : columns) {
            out.text(c.key);
            List<String>[] dict = c.dict;
            out.varint(dict.length);
            boolean singletons = true;
            boolean ints = true;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (List<String> set : dict) {
                singletons &= set.size() == 1;
                for (String t : set) {
                    if (ints && ValueOrder.isCanonicalInteger(t) && t.length() <= 18) {
                        long v = Long.parseLong(t);
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    } else {
                        ints = false;
                    }
                }
            }
            boolean implicit = true;
            int next = 0;
            for (int id : c.ids) {
                if (id != next) {
                    implicit = false;
                    break;
                }
                next++;
            }
            out.write(ints ? KIND_INTS : KIND_STRINGS);
            out.write((singletons ? FLAG_SINGLETONS : 0) | (implicit ? FLAG_IMPLICIT_IDS : 0));
            if (!singletons) {
                for (List<String> set : dict) {
                    out.varint(set.size());
                }
            }
            if (ints) {
                int width = 64 - Long.numberOfLeadingZeros(max - min);
                out.zigzag(min);
                out.write(width);
                Bits bits = new Bits(out);
                for (List<String> set : dict) {
                    for (String t : set) {
                        bits.put(Long.parseLong(t) - min, width);
                    }
                }
                bits.flush();
            } else {
                for (List<String> set : dict) {
                    for (String t : set) {
                        out.text(t);
                    }
                }
            }
            out.varint(c.ends.length);
            long prev = 0;
            for (long e : c.ends) {
                out.varint(e - prev);
                prev = e;
            }
            if (!implicit) {
                int width = 32 - Integer.numberOfLeadingZeros(dict.length); // id + 1, 0 absent
                Bits bits = new Bits(out);
                for (int id : c.ids) {
                    bits.put(id + 1, width);
                }
                bits.flush();
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@link #encode()}'s bytes, checking them: a malformed block throws
     * {@link IllegalArgumentException} with what is wrong.
     */
    @SuppressWarnings("unchecked")
    public static Meta decode(byte[] b) {
        In in = new In(b);
        int version = in.intVarint();
        if (version != ENCODING) {
            throw new IllegalArgumentException("metadata encoding " + version + " is not known (this library reads " + ENCODING + ")");
        }
        int keys = in.intVarint();
        Column[] cols = new Column[keys];
        String prevKey = null;
        for (int k = 0; k < keys; k++) {
            String key = in.text();
            if (prevKey != null && ValueOrder.compareCodePoints(prevKey, key) >= 0) {
                throw new IllegalArgumentException("metadata keys out of order: '" + prevKey + "' then '" + key + "'");
            }
            prevKey = key;
            int n = in.intVarint();
            in.need(n, 1, 1); // distinct sets: at least one bit each, but for one
            int kind = in.u8();
            int flags = in.u8();
            int[] sizes = new int[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                sizes[i] = (flags & FLAG_SINGLETONS) != 0 ? 1 : in.intVarint();
                if (sizes[i] < 1) {
                    throw new IllegalArgumentException("empty metadata set in key '" + key + "'");
                }
                total += sizes[i];
                in.need(total, 1, n);
            }
            List<String>[] dict = new List[n];
            if (kind == KIND_INTS) {
                long min = in.zigzag();
                int width = in.u8();
                if (width > 64) {
                    throw new IllegalArgumentException("bad bit width " + width);
                }
                BitsIn bits = new BitsIn(in);
                for (int i = 0; i < n; i++) {
                    String[] set = new String[sizes[i]];
                    for (int j = 0; j < set.length; j++) {
                        set[j] = Long.toString(bits.get(width) + min);
                    }
                    dict[i] = checkedSet(key, set);
                }
                bits.done();
            } else if (kind == KIND_STRINGS) {
                for (int i = 0; i < n; i++) {
                    String[] set = new String[sizes[i]];
                    for (int j = 0; j < set.length; j++) {
                        set[j] = in.text();
                    }
                    dict[i] = checkedSet(key, set);
                }
            } else {
                throw new IllegalArgumentException("unknown dictionary kind " + kind);
            }
            int runs = in.intVarint();
            in.need(runs, 8, 0); // a run length takes a byte at least
            long[] ends = new long[runs];
            long at = 0;
            for (int i = 0; i < runs; i++) {
                long len = in.varint();
                if (len <= 0 || at + len < at) {
                    throw new IllegalArgumentException("bad run length " + len + " in key '" + key + "'");
                }
                at += len;
                ends[i] = at;
            }
            int[] ids = new int[runs];
            if ((flags & FLAG_IMPLICIT_IDS) != 0) {
                for (int i = 0; i < runs; i++) {
                    ids[i] = i;
                }
            } else {
                int width = 32 - Integer.numberOfLeadingZeros(n);
                BitsIn bits = new BitsIn(in);
                for (int i = 0; i < runs; i++) {
                    ids[i] = (int) bits.get(width) - 1;
                }
                bits.done();
            }
            cols[k] = checkedColumn(new Column(key, ends, ids, dict));
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("bytes after the metadata block");
        }
        return keys == 0 ? NONE : new Meta(cols);
    }

    private static List<String> checkedSet(String key, String[] set) {
        for (int i = 1; i < set.length; i++) {
            if (ValueOrder.INSTANCE.compare(set[i - 1], set[i]) >= 0) {
                throw new IllegalArgumentException("metadata set of key '" + key + "' not in canonical order");
            }
        }
        for (String t : set) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty metadata text in key '" + key + "'");
            }
        }
        return List.of(set);
    }

    /** Checks the canonical-form invariants of a decoded column. */
    private static Column checkedColumn(Column c) {
        int seen = 0;
        boolean present = false;
        for (int i = 0; i < c.ids.length; i++) {
            int id = c.ids[i];
            if (id < -1 || id >= c.dict.length || id > seen) {
                throw new IllegalArgumentException("metadata key '" + c.key + "': dictionary id " + id + " out of order or range");
            }
            if (id == seen) {
                seen++;
            }
            if (i > 0 && c.ids[i - 1] == id) {
                throw new IllegalArgumentException("metadata key '" + c.key + "': two adjacent runs hold the same set");
            }
            present |= id >= 0;
        }
        if (!present || seen != c.dict.length || c.ids[c.ids.length - 1] < 0) {
            throw new IllegalArgumentException("metadata key '" + c.key + "': column not in canonical form");
        }
        return c;
    }

    /** A growable byte buffer with the varint writers. */
    private static final class Bytes extends ByteArrayOutputStream {
        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            write(b, 0, b.length);
        }
    }

    private static final class Bits {
        private final Bytes out;
        private long acc;
        private int filled;

        Bits(Bytes out) {
            this.out = out;
        }

        void put(long v, int width) {
            for (int i = 0; i < width; i++) {
                acc |= ((v >>> i) & 1L) << filled;
                if (++filled == 8) {
                    out.write((int) acc);
                    acc = 0;
                    filled = 0;
                }
            }
        }

        void flush() {
            if (filled > 0) {
                out.write((int) acc);
                acc = 0;
                filled = 0;
            }
        }
    }

    private static final class In {
        private final byte[] b;
        private int at;

        In(byte[] b) {
            this.b = b;
        }

        /** Throws unless {@code n} items of at least {@code bitsEach} bits (plus {@code slack} items of none) fit in what is left. */
        void need(long n, int bitsEach, long slack) {
            if (n - slack > 8L * (b.length - at) / Math.max(1, bitsEach)) {
                throw new IllegalArgumentException("metadata block too short for " + n + " entries");
            }
        }

        int u8() {
            if (at >= b.length) {
                throw new IllegalArgumentException("metadata block ends early");
            }
            return b[at++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        int intVarint() {
            long v = varint();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("count out of range: " + v);
            }
            return (int) v;
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        String text() {
            int n = intVarint();
            if (n > b.length - at) {
                throw new IllegalArgumentException("metadata text runs past the block");
            }
            String s = new String(b, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }

        boolean atEnd() {
            return at == b.length;
        }
    }

    private static final class BitsIn {
        private final In in;
        private int acc;
        private int left;

        BitsIn(In in) {
            this.in = in;
        }

        long get(int width) {
            long v = 0;
            for (int i = 0; i < width; i++) {
                if (left == 0) {
                    acc = in.u8();
                    left = 8;
                }
                v |= (long) (acc & 1) << i;
                acc >>>= 1;
                left--;
            }
            return v;
        }

        void done() {
            left = 0;
        }
    }
}
