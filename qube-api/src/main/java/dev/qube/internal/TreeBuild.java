package dev.qube.internal;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a canonical qube from any tree, streamed depth-first: {@link #begin} a node, add its
 * children, {@link #end} it. Each node is written (canonically, hash-consed) as soon as it ends,
 * so memory holds one path of open nodes, not the input tree. The input may be non-canonical:
 * siblings may repeat keys and overlap in values; the qube is the set of the tree's paths. A node
 * with no children ends an identifier; {@link #markTerminal} makes an inner node end one too.
 */
public final class TreeBuild {

    private static final class Frame {
        final int key;
        final List<String> values;
        boolean terminal;
        // children written so far, with the key and the distinct sorted values of each
        int[] children = new int[4];
        int[] keys = new int[4];
        @SuppressWarnings("unchecked")
        List<String>[] childValues = (List<String>[]) new List<?>[4];
        int count;

        Frame(int key, List<String> values) {
            this.key = key;
            this.values = values;
        }

        void add(int node, int key, List<String> values) {
            if (count == children.length) {
                children = Arrays.copyOf(children, count * 2);
                keys = Arrays.copyOf(keys, count * 2);
                childValues = Arrays.copyOf(childValues, count * 2);
            }
            children[count] = node;
            keys[count] = key;
            childValues[count++] = values;
        }
    }

    /** A value list as written: its set's reference and its distinct values in canonical order. */
    private record Written(int vs, List<String> sorted) {
    }

    private final Store t;
    private final List<Frame> stack = new ArrayList<>();
    private final Combine union;
    /** Whether each key (by local index) is on the open path. */
    private boolean[] openKeys = new boolean[16];
    private final Map<ListKey, Written> valueSets = new HashMap<>();

    /** A value list as a map key, its hash taken once (a lookup and the insertion after it share it). */
    private record ListKey(List<String> list, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ListKey k && k.hash == hash && k.list.equals(list);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
    private static final int VALUE_SET_CACHE = 1 << 16;

    public TreeBuild(Store t) {
        this.t = t;
        this.union = new Combine(Combine.Op.UNION, t, t, t);
        stack.add(new Frame(-1, List.of()));
    }

    /** True once siblings had to be merged: the nodes and value sets they were written as are garbage. */
    private boolean merged;
    private int deepest;

    /** Whether canonicalising merged siblings, leaving their first writing behind as garbage. */
    public boolean merged() {
        return merged;
    }

    /** The greatest depth of open nodes seen. */
    public int deepest() {
        return deepest;
    }

    /** Depth of open nodes, 0 at the root level. */
    public int depth() {
        return stack.size() - 1;
    }

    /**
     * Opens a node below the current one.
     *
     * @throws IllegalArgumentException if the key is already on the path (a key appears once per identifier)
     */
    public void begin(String key, List<String> values) {
        int k = t.localKey(key);
        if (k >= openKeys.length) {
            openKeys = Arrays.copyOf(openKeys, Math.max(k + 1, openKeys.length * 2));
        }
        if (openKeys[k]) {
            throw new IllegalArgumentException("key '" + key + "' appears twice on one path");
        }
        openKeys[k] = true;
        stack.add(new Frame(k, values));
        deepest = Math.max(deepest, stack.size() - 1);
    }

    public void markTerminal() {
        if (stack.size() > 1) {
            stack.getLast().terminal = true;
        }
    }

    public void end() {
        if (stack.size() <= 1) {
            throw new IllegalStateException("end() without begin()");
        }
        Frame f = stack.removeLast();
        openKeys[f.key] = false;
        int[] children = canonical(f);
        boolean terminal = f.terminal || f.count == 0;
        if (f.values.isEmpty() || (!terminal && children.length == 0)) {
            return; // a node without values, or whose children all vanished, holds no identifier
        }
        // trees from files repeat a few value lists many times: sort and store each list once
        ListKey key = new ListKey(f.values, f.values.hashCode());
        Written w = valueSets.get(key);
        if (w == null) {
            List<String> sorted = sortedDistinct(f.values);
            w = new Written(t.writeValues(sorted), sorted);
            if (valueSets.size() >= VALUE_SET_CACHE) {
                valueSets.clear(); // bounded: a stream of ever-new lists must not pile up in memory
            }
            valueSets.put(new ListKey(List.copyOf(f.values), key.hash), w);
        }
        stack.getLast().add(t.writeNode(f.key, w.vs, terminal, children, children.length), f.key, w.sorted);
    }

    /**
     * The distinct values in canonical order. Files mostly list values in that order already: one
     * pass checks it, and only a list out of order is sorted. A list of canonical integers (the
     * common case: dates, steps, levels, parameters) is read as numbers in that pass and sorted as
     * numbers, keeping its own texts; other lists are sorted as texts, then duplicates dropped.
     */
    static List<String> sortedDistinct(List<String> values) {
        String[] a = values.toArray(String[]::new);
        IntegerTexts numeric = sortedIntegers(a);
        if (numeric != null) {
            return numeric;
        }
        boolean ascending = true;
        for (int i = 1; i < a.length && ascending; i++) {
            ascending = ValueOrder.INSTANCE.compare(a[i - 1], a[i]) < 0;
        }
        if (ascending) {
            return Arrays.asList(a);
        }
        Arrays.sort(a, ValueOrder.INSTANCE);
        int n = 1;
        for (int i = 1; i < a.length; i++) {
            if (ValueOrder.INSTANCE.compare(a[n - 1], a[i]) != 0) {
                a[n++] = a[i];
            }
        }
        return Arrays.asList(n == a.length ? a : Arrays.copyOf(a, n));
    }

    /** Ends open nodes and returns the root of the finished qube. */
    public int finish() {
        while (stack.size() > 1) {
            end();
        }
        int[] top = canonical(stack.getFirst());
        return t.writeRoot(top, top.length);
    }

    /**
     * Distinct values in canonical order, with their numbers, when every one is a canonical integer
     * of at most 18 digits (then canonical order is numeric order), else null. Each text is read as
     * its number once: a list already ascending is kept as it is; otherwise the numbers are sorted, each
     * with its index in the list packed into the low bits when the span of the numbers leaves
     * room (always, for lists of dates or steps), so the sorted list keeps the texts it was given.
     */
    static IntegerTexts sortedIntegers(String[] a) {
        int n = a.length;
        long[] k = new long[n];
        boolean ascending = true;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long v = IntegerTexts.integer(a[i]);
            if (v == IntegerTexts.NOT_INTEGER) {
                return null;
            }
            k[i] = v;
            ascending &= i == 0 || k[i - 1] < v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (ascending) {
            return new IntegerTexts(a, k);
        }
        if (n >= DENSE_MIN && max - min < DENSE_SPAN * n) {
            return dense(a, k, min, max);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1);
        if (max - min >= 1L << (63 - bits)) { // |v| < 10^18 < 2^60: the span does not overflow
            Arrays.sort(k);
            String[] out = new String[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || k[i] != k[i - 1]) {
                    k[m] = k[i];
                    out[m++] = Long.toString(k[i]);
                }
            }
            return new IntegerTexts(m == n ? out : Arrays.copyOf(out, m), m == n ? k : Arrays.copyOf(k, m));
        }
        for (int i = 0; i < n; i++) {
            k[i] = (k[i] - min) << bits | i;
        }
        Arrays.sort(k);
        long mask = (1L << bits) - 1;
        String[] out = new String[n];
        int m = 0;
        long previous = -1; // numbers less min are not negative
        for (int i = 0; i < n; i++) {
            long number = k[i] >>> bits;
            if (number != previous) {
                out[m] = a[(int) (k[i] & mask)];
                k[m++] = number + min; // m <= i: only entries already read are overwritten
                previous = number;
            }
        }
        return new IntegerTexts(m == n ? out : Arrays.copyOf(out, m), m == n ? k : Arrays.copyOf(k, m));
    }

    /** Lists at least this long whose numbers span less than this many times their length are ordered by {@link #dense}. */
    private static final int DENSE_MIN = 32;
    private static final long DENSE_SPAN = 256;

    /**
     * Orders integers of a small span (dates of a few decades, steps, levels) without comparing
     * them: a bit per number of the span marks the values present, and each value's rank is the
     * count of marks below it, so each text goes straight to its place. O(length + span / 64).
     */
    private static IntegerTexts dense(String[] a, long[] k, long min, long max) {
        int words = (int) ((max - min) >>> 6) + 1;
        long[] present = new long[words];
        for (long v : k) {
            long d = v - min;
            present[(int) (d >>> 6)] |= 1L << d;
        }
        int[] before = new int[words];
        int total = 0;
        for (int w = 0; w < words; w++) {
            before[w] = total;
            total += Long.bitCount(present[w]);
        }
        String[] out = new String[total];
        long[] keys = new long[total];
        for (int i = 0; i < k.length; i++) {
            long d = k[i] - min;
            int w = (int) (d >>> 6);
            int rank = before[w] + Long.bitCount(present[w] & ((1L << d) - 1));
            out[rank] = a[i];
            keys[rank] = k[i];
        }
        return new IntegerTexts(out, keys);
    }

    private int[] canonical(Frame f) {
        int n = f.count;
        if (n == 0) {
            return new int[0];
        }
        if (simple(f)) {
            // common case: canonical input, same-key siblings disjoint and with different bodies
            return ordered(f);
        }
        merged = true;
        List<int[]> singles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            singles.add(new int[] {f.children[i]});
        }
        return union.unionAll(singles);
    }

    /**
     * The children of a node whose children are canonical siblings already, in sibling order (by
     * key, then first value in canonical order): each child's first value is the first of the sorted
     * values it was written with, so no value set is read back. Files mostly list children in that
     * order: one pass checks it.
     */
    private int[] ordered(Frame f) {
        int n = f.count;
        int[] out = Arrays.copyOf(f.children, n);
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = t.keyText(f.keys[i]);
        }
        boolean inOrder = true;
        for (int i = 1; i < n && inOrder; i++) {
            inOrder = Siblings.order(keys[i - 1], f.childValues[i - 1].get(0), keys[i], f.childValues[i].get(0)) < 0;
        }
        if (inOrder) {
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Siblings.order(keys[x], f.childValues[x].get(0), keys[y], f.childValues[y].get(0)));
        for (int i = 0; i < n; i++) {
            out[i] = f.children[order[i]];
        }
        return out;
    }

    /**
     * Whether the children are canonical siblings already: siblings of one key have different
     * bodies and disjoint values. Only keys shared by several siblings are checked.
     */
    private boolean simple(Frame f) {
        int n = f.count;
        if (n == 1) {
            return true;
        }
        // each child as its key (high half) and index (low half), sorted: children of one key are adjacent
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = (long) f.keys[i] << 32 | i;
        }
        Arrays.sort(order);
        for (int lo = 0; lo < n; ) {
            int hi = lo + 1;
            while (hi < n && order[hi] >>> 32 == order[lo] >>> 32) {
                hi++;
            }
            if (hi - lo > 1) {
                Set<Body> bodies = new HashSet<>();
                for (int i = lo; i < hi; i++) {
                    int node = f.children[(int) order[i]];
                    if (!bodies.add(new Body(t.terminal(node), t.children(node)))) {
                        return false;
                    }
                }
                if (!disjoint(f, order, lo, hi)) {
                    return false;
                }
            }
            lo = hi;
        }
        return true;
    }

    /**
     * Whether the values of children {@code order[lo, hi)} (one key) are disjoint. Lists of
     * integers of a small joint span (dates of sibling nodes) are checked with a bit per number of
     * the span; others with a set of texts.
     */
    private static boolean disjoint(Frame f, long[] order, int lo, int hi) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long total = 0;
        boolean integers = true;
        for (int i = lo; i < hi && integers; i++) {
            if (f.childValues[(int) order[i]] instanceof IntegerTexts it) {
                long[] k = it.integers(); // ascending, not empty
                min = Math.min(min, k[0]);
                max = Math.max(max, k[k.length - 1]);
                total += k.length;
            } else {
                integers = false;
            }
        }
        if (integers && max - min < DENSE_SPAN * total) {
            long[] present = new long[(int) ((max - min) >>> 6) + 1];
            for (int i = lo; i < hi; i++) {
                for (long v : ((IntegerTexts) f.childValues[(int) order[i]]).integers()) {
                    long d = v - min;
                    int w = (int) (d >>> 6);
                    long bit = 1L << d;
                    if ((present[w] & bit) != 0) {
                        return false;
                    }
                    present[w] |= bit;
                }
            }
            return true;
        }
        Set<String> seen = new HashSet<>();
        for (int i = lo; i < hi; i++) {
            for (String v : f.childValues[(int) order[i]]) {
                if (!seen.add(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}