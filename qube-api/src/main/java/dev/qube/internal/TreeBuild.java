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
        String[][] childValues = new String[4][];
        int count;

        Frame(int key, List<String> values) {
            this.key = key;
            this.values = values;
        }

        void add(int node, int key, String[] values) {
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
    private record Written(int vs, String[] sorted) {
    }

    private final Store t;
    private final List<Frame> stack = new ArrayList<>();
    private final Combine union;
    private final Set<Integer> openKeys = new HashSet<>();
    private final Map<List<String>, Written> valueSets = new HashMap<>();
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
        if (!openKeys.add(k)) {
            throw new IllegalArgumentException("key '" + key + "' appears twice on one path");
        }
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
        openKeys.remove(f.key);
        int[] children = canonical(f);
        boolean terminal = f.terminal || f.count == 0;
        if (f.values.isEmpty() || (!terminal && children.length == 0)) {
            return; // a node without values, or whose children all vanished, holds no identifier
        }
        // trees from files repeat a few value lists many times: sort and store each list once
        Written w = valueSets.get(f.values);
        if (w == null) {
            String[] sorted = sortedDistinct(f.values);
            w = new Written(t.writeValues(Arrays.asList(sorted)), sorted);
            if (valueSets.size() >= VALUE_SET_CACHE) {
                valueSets.clear(); // bounded: a stream of ever-new lists must not pile up in memory
            }
            valueSets.put(List.copyOf(f.values), w);
        }
        stack.getLast().add(t.writeNode(f.key, w.vs, terminal, children, children.length), f.key, w.sorted);
    }

    /**
     * The distinct values in canonical order. Files mostly list values in that order already: one
     * pass checks it, and only a list out of order is sorted. A list of canonical integers (the
     * common case: dates, steps, levels, parameters) is read as numbers in that pass and sorted as
     * numbers, keeping its own texts; other lists are sorted as texts, then duplicates dropped.
     */
    static String[] sortedDistinct(List<String> values) {
        String[] a = values.toArray(String[]::new);
        String[] numeric = sortedIntegers(a);
        if (numeric != null) {
            return numeric;
        }
        boolean ascending = true;
        for (int i = 1; i < a.length && ascending; i++) {
            ascending = ValueOrder.INSTANCE.compare(a[i - 1], a[i]) < 0;
        }
        if (ascending) {
            return a;
        }
        Arrays.sort(a, ValueOrder.INSTANCE);
        int n = 1;
        for (int i = 1; i < a.length; i++) {
            if (ValueOrder.INSTANCE.compare(a[n - 1], a[i]) != 0) {
                a[n++] = a[i];
            }
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
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
     * Distinct values in canonical order when every one is a canonical integer of at most 18
     * digits (then canonical order is numeric order), else null. Each text is read as its number
     * once: a list already ascending is returned as it is; otherwise the numbers are sorted, each
     * with its index in the list packed into the low bits when the span of the numbers leaves
     * room (always, for lists of dates or steps), so the sorted list keeps the texts it was given.
     */
    static String[] sortedIntegers(String[] a) {
        int n = a.length;
        if (n == 0) {
            return a;
        }
        long[] k = new long[n];
        boolean ascending = true;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long v = integer(a[i]);
            if (v == NOT_INTEGER) {
                return null;
            }
            k[i] = v;
            ascending &= i == 0 || k[i - 1] < v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (ascending) {
            return a;
        }
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1);
        if (max - min >= 1L << (63 - bits)) { // |v| < 10^18 < 2^60: the span does not overflow
            Arrays.sort(k);
            String[] out = new String[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || k[i] != k[i - 1]) {
                    out[m++] = Long.toString(k[i]);
                }
            }
            return m == n ? out : Arrays.copyOf(out, m);
        }
        for (int i = 0; i < n; i++) {
            k[i] = (k[i] - min) << bits | i;
        }
        Arrays.sort(k);
        long mask = (1L << bits) - 1;
        String[] out = new String[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || k[i] >>> bits != k[i - 1] >>> bits) {
                out[m++] = a[(int) (k[i] & mask)];
            }
        }
        return m == n ? out : Arrays.copyOf(out, m);
    }

    private static final long NOT_INTEGER = Long.MIN_VALUE;

    /**
     * The number of a canonical integer text ({@link ValueOrder#isCanonicalInteger}) of at most 18
     * digits, in one pass over it; {@link #NOT_INTEGER} for any other text.
     */
    static long integer(String s) {
        int n = s.length();
        if (n == 0 || n > 19) {
            return NOT_INTEGER;
        }
        boolean neg = s.charAt(0) == '-';
        int i = neg ? 1 : 0;
        if (i == n || n - i > 18) {
            return NOT_INTEGER;
        }
        char first = s.charAt(i);
        if (first == '0') {
            return n == 1 ? 0 : NOT_INTEGER; // "0" alone; "-0" and "01" are not canonical
        }
        long v = 0;
        for (; i < n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return NOT_INTEGER;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
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
            inOrder = siblingOrder(keys[i - 1], f.childValues[i - 1][0], keys[i], f.childValues[i][0]) < 0;
        }
        if (inOrder) {
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> siblingOrder(keys[x], f.childValues[x][0], keys[y], f.childValues[y][0]));
        for (int i = 0; i < n; i++) {
            out[i] = f.children[order[i]];
        }
        return out;
    }

    /** The canonical order of siblings, as {@link Siblings} sorts them. */
    private static int siblingOrder(String keyA, String firstA, String keyB, String firstB) {
        int c = ValueOrder.compareCodePoints(keyA, keyB);
        return c != 0 ? c : ValueOrder.INSTANCE.compare(firstA, firstB);
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
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(f.keys[x], f.keys[y]));
        for (int lo = 0; lo < n; ) {
            int hi = lo + 1;
            while (hi < n && f.keys[order[hi]] == f.keys[order[lo]]) {
                hi++;
            }
            if (hi - lo > 1) {
                Set<Body> bodies = new HashSet<>();
                Set<String> seen = new HashSet<>();
                for (int i = lo; i < hi; i++) {
                    int node = f.children[order[i]];
                    if (!bodies.add(new Body(t.terminal(node), t.children(node)))) {
                        return false;
                    }
                    for (String v : f.childValues[order[i]]) {
                        if (!seen.add(v)) {
                            return false;
                        }
                    }
                }
            }
            lo = hi;
        }
        return true;
    }
}
