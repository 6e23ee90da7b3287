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
     * pass checks it, and only a list out of order is sorted (an array sort, then duplicates dropped).
     */
    static String[] sortedDistinct(List<String> values) {
        String[] a = values.toArray(String[]::new);
        boolean ascending = true;
        for (int i = 1; i < a.length && ascending; i++) {
            ascending = ValueOrder.INSTANCE.compare(a[i - 1], a[i]) < 0;
        }
        if (ascending) {
            return a;
        }
        String[] numeric = sortedIntegers(a);
        if (numeric != null) {
            return numeric;
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
     * digits (then canonical order is numeric order, and each text is its number's text): sorted as
     * {@code long}s, which costs a fraction of comparing texts. Null when a value is not such an
     * integer.
     */
    private static String[] sortedIntegers(String[] a) {
        long[] k = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            String v = a[i];
            if (v.length() > 18 || !ValueOrder.isCanonicalInteger(v)) {
                return null;
            }
            k[i] = Long.parseLong(v);
        }
        Arrays.sort(k);
        String[] out = new String[k.length];
        int n = 0;
        for (int i = 0; i < k.length; i++) {
            if (i == 0 || k[i] != k[i - 1]) {
                out[n++] = Long.toString(k[i]);
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int[] canonical(Frame f) {
        int n = f.count;
        if (n == 0) {
            return new int[0];
        }
        if (simple(f)) {
            // common case: canonical input, same-key siblings disjoint and with different bodies
            Siblings out = new Siblings(t);
            for (int i = 0; i < n; i++) {
                out.addNode(f.children[i]);
            }
            return out.finish();
        }
        merged = true;
        List<int[]> singles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            singles.add(new int[] {f.children[i]});
        }
        return union.unionAll(singles);
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
