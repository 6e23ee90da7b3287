package dev.qube.internal;

import dev.qube.SelectMode;
import dev.qube.Selection;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code select} on a canonical qube, written canonically into a target store. The recursion is
 * memoised on (node, which selected keys were seen on the path), so shared subtrees are filtered
 * once; value sets are filtered once per (value set, key).
 */
public final class Selector {

    private final Store src;
    private final Store t;
    private final Selection selection;
    private final SelectMode mode;
    private final Map<String, Integer> bitOf = new HashMap<>();
    private final long allBits;
    /** Bit of each key of the source store (by local index), -1 for keys not selected. */
    private final int[] bitOfKey;
    private final Map<Long, List<String>> filtered = new HashMap<>();
    private final Map<NodeSeen, Body> memo = new HashMap<>();

    private record NodeSeen(int node, long seen) {
    }


    public Selector(Store src, Store t, Selection selection, SelectMode mode) {
        this.src = src;
        this.t = t;
        this.selection = selection;
        this.mode = mode;
        int bit = 0;
        for (String k : selection.keys()) {
            if (bit == 64 && mode == SelectMode.PRUNE) {
                throw new IllegalArgumentException("a PRUNE selection may name at most 64 keys");
            }
            bitOf.put(k, bit++);
        }
        this.allBits = bit >= 64 ? -1L : (1L << bit) - 1;
        this.bitOfKey = new int[src.keyCount()];
        for (int k = 0; k < bitOfKey.length; k++) {
            Integer b = bitOf.get(src.keyText(k));
            bitOfKey[k] = b == null ? -1 : Math.min(b, 63); // beyond 64 keys (not PRUNE) the bits are not used
        }
    }

    /** Selects from the whole qube; returns the result's root in the target store. */
    public int root(int root) {
        Body b;
        if (mode != SelectMode.PRUNE) {
            // the result below a node does not depend on the path: over the numbered nodes
            DenseNodes d = src.dense(root);
            b = bodyDense(new Numbered(d, liveNodes(d), new Body[d.size()]), d.root());
        } else {
            b = body(root, 0);
        }
        return t.writeRoot(b.children(), b.children().length);
    }

    /** The numbering of the source, which of its nodes have a non-empty result, and the results made so far. */
    private record Numbered(DenseNodes d, boolean[] live, Body[] bodies) {
    }

    /**
     * Whether each numbered node's result below its values is non-empty (modes other than
     * {@link SelectMode#PRUNE}): identifiers end at it, or a child keeps some value and is
     * itself live. One pass, children first; the walk that writes then skips dead children
     * without visiting them.
     */
    private boolean[] liveNodes(DenseNodes d) {
        int n = d.size();
        boolean[] live = new boolean[n];
        boolean strict = mode == SelectMode.STRICT;
        for (int i = 0; i < n; i++) {
            boolean any = d.terminal[i];
            for (int j = d.firstChild[i], end = d.firstChild[i + 1]; j < end && !any; j++) {
                int c = d.child[j];
                if (live[c]) {
                    int key = d.key[c];
                    any = bitOfKey[key] >= 0 ? keptOfSet(key, d.valueSet[c]) > 0 : !strict;
                }
            }
            live[i] = any;
        }
        return live;
    }

    /** {@link #compute} for numbered node {@code i}, memoised by its number. */
    private Body bodyDense(Numbered x, int i) {
        Body known = x.bodies[i];
        if (known != null) {
            return known;
        }
        DenseNodes d = x.d;
        int from = d.firstChild[i];
        int end = d.firstChild[i + 1];
        Siblings out = new Siblings(t, end - from);
        for (int j = from; j < end; j++) {
            int c = d.child[j];
            if (!x.live[c]) {
                continue;
            }
            int key = d.key[c];
            int vs = d.valueSet[c];
            List<String> values;
            if (bitOfKey[key] >= 0) {
                values = filter(vs, key, null);
                if (values.isEmpty()) {
                    continue;
                }
            } else if (mode == SelectMode.STRICT) {
                continue;
            } else {
                values = null; // every value
            }
            keep(out, key, vs, d.valueCount[c], values, bodyDense(x, c));
        }
        Body r = new Body(d.terminal[i], out.finish());
        x.bodies[i] = r;
        return r;
    }

    /**
     * Adds a child that the selection keeps to {@code out}: its key {@code srcKey} and value set
     * {@code vs} (of {@code valueCount} values) of the source, the kept {@code values} (null: all),
     * and the result {@code b} below them.
     */
    private void keep(Siblings out, int srcKey, int vs, int valueCount, List<String> values, Body b) {
        if (values == null || values.size() == valueCount) {
            out.add(targetKey(srcKey), src, vs, b); // every value kept: copy the stored set as it is
        } else {
            out.add(targetKey(srcKey), values, b);
        }
    }

    /** Source local key → target local key + 1 (0: not looked up yet). */
    private int[] targetKeys;

    private int targetKey(int srcKey) {
        if (targetKeys == null) {
            targetKeys = new int[bitOfKey.length];
        }
        int k = targetKeys[srcKey] - 1;
        if (k < 0) {
            k = t.localKey(src.keyGlobal(srcKey));
            targetKeys[srcKey] = k + 1;
        }
        return k;
    }

    /** The result below {@code node} in {@link SelectMode#PRUNE} mode, {@code seen} the selected keys on the path to it. */
    private Body body(int node, long seen) {
        NodeSeen key = new NodeSeen(node, seen);
        Body r = memo.get(key);
        if (r == null) {
            r = compute(node, seen);
            memo.put(key, r);
        }
        return r;
    }

    /**
     * The number of identifiers {@link #root} would select from {@code root}, without writing
     * them: the same walk, memoised the same way, with counts in place of bodies (values of one
     * key are disjoint among siblings, so the counts of a node's children add up). In
     * {@code long}s while they fit, else again in {@link BigInteger}s.
     */
    public BigInteger count(int root) {
        try {
            if (mode != SelectMode.PRUNE) {
                // the count below a node does not depend on the path: over the numbered nodes
                DenseNodes d = src.dense(root);
                if (mode == SelectMode.RELAXED) {
                    long below = countedBelowSelectedKeys(d);
                    if (below >= 0) {
                        return BigInteger.valueOf(below);
                    }
                }
                return BigInteger.valueOf(countedDense(d));
            }
            return BigInteger.valueOf(counted(root, 0, LONGS).longValue());
        } catch (ArithmeticException overflow) {
            countMemo.clear();
            return (BigInteger) counted(root, 0, BIG);
        }
    }

    /**
     * {@link #counted} in exact {@code long}s for the modes where the path does not matter: one
     * pass over the store's dense numbering (children first), each node's count from its
     * children's. A child's kept values depend on the child alone (its key and value set), so they
     * are worked out once per node; a selected key's value sets are filtered once each. (Nodes that
     * no kept value reaches are counted too: cheaper than finding them first.)
     */
    long countedDense(DenseNodes d) {
        int n = d.size();
        int[] first = d.firstChild;
        int[] child = d.child;
        int[] keyOf = d.key;
        int[] valueCount = d.valueCount;
        boolean[] terminal = d.terminal;
        boolean strict = mode == SelectMode.STRICT;
        int[] kept = new int[n];
        long[] below = new long[n];
        for (int i = 0; i < n; i++) {
            long total = terminal[i] ? 1 : 0;
            for (int j = first[i], end = first[i + 1]; j < end; j++) {
                int c = child[j];
                long b = below[c];
                if (b != 0) {
                    total = Math.addExact(total, Math.multiplyExact(b, (long) kept[c]));
                }
            }
            below[i] = total;
            if (i < n - 1) {
                int key = keyOf[i];
                kept[i] = bitOfKey[key] >= 0 ? keptOfSet(key, d.valueSet[i]) : strict ? 0 : valueCount[i];
            }
        }
        return below[n - 1];
    }

    /**
     * The {@link SelectMode#RELAXED} count by visiting only the nodes of the selected keys and the
     * nodes below them (the region the selection can change), or -1 if that region is more than
     * half of the nodes (then {@link #countedDense} is cheaper) or the qube's weights overflow a
     * {@code long}.
     *
     * <p>With {@code above[i]} the value combinations on the paths down to node {@code i} (kept by
     * the numbering, {@link DenseNodes.Weights}), the unselected count is the sum of
     * {@code above[i] * valueCount[i]} over terminal nodes. A node that has no selected node at or
     * above it keeps that weight; in the region, the weight with the selection applied is
     * {@code above[i]} plus the change its parents in the region pass down, each passing
     * {@code selectedAbove * kept - above * valueCount}. The count is the total plus the changes
     * of the terminal nodes in the region. For {@code param} on climate_dt_large that is 38 of
     * 10,079 nodes: the deep keys that queries name are shared by few nodes.
     */
    long countedBelowSelectedKeys(DenseNodes d) {
        DenseNodes.Weights w = d.weights();
        if (w.above() == null) {
            return -1;
        }
        int n = d.size();
        int[] region = new int[16]; // grown as needed: most regions are a few nodes, and zeroing n ints showed in the figure
        int size = 0;
        boolean[] seen = new boolean[n];
        for (int k = 0; k < w.ofKey().length; k++) {
            if (k >= bitOfKey.length || bitOfKey[k] < 0) {
                continue;
            }
            for (int seed : w.ofKey()[k]) {
                if (seen[seed]) {
                    continue;
                }
                // the seed and every node below it, level by level
                seen[seed] = true;
                int from = size;
                region = room(region, size);
                region[size++] = seed;
                for (int at = from; at < size; at++) {
                    int node = region[at];
                    for (int j = d.firstChild[node], end = d.firstChild[node + 1]; j < end; j++) {
                        int c = d.child[j];
                        if (!seen[c]) {
                            seen[c] = true;
                            region = room(region, size);
                            region[size++] = c;
                        }
                    }
                    if (size > n / 2) {
                        return -1;
                    }
                }
            }
        }
        if (size == 0) {
            return w.total();
        }
        Arrays.sort(region, 0, size);
        long[] change = new long[size]; // passed down from the parents in the region, by position in region
        long count = w.total();
        long[] above = w.above();
        for (int p = size - 1; p >= 0; p--) { // parents before children
            int i = region[p];
            int key = d.key[i];
            long kept = bitOfKey[key] >= 0 ? keptOfSet(key, d.valueSet[i]) : d.valueCount[i];
            long delta = (above[i] + change[p]) * kept - above[i] * d.valueCount[i]; // both within the weights: no overflow
            if (delta == 0) {
                continue;
            }
            if (d.terminal[i]) {
                count += delta;
            }
            for (int j = d.firstChild[i], end = d.firstChild[i + 1]; j < end; j++) {
                change[Arrays.binarySearch(region, 0, size, d.child[j])] += delta;
            }
        }
        return count;
    }

    /** {@code a}, or a copy twice as long if it has no room past {@code size}. */
    private static int[] room(int[] a, int size) {
        return size < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    /** Per selected key (local index), value set → how many of its values the selection keeps. */
    private IntMap[] keptOfSet;

    /** How many values of value set {@code vs} of selected key {@code key} the selection keeps. */
    private int keptOfSet(int key, int vs) {
        if (keptOfSet == null) {
            keptOfSet = new IntMap[bitOfKey.length];
        }
        IntMap known = keptOfSet[key];
        if (known == null) {
            known = keptOfSet[key] = new IntMap(64);
        }
        long k = known.get(vs);
        if (k == IntMap.MISSING) {
            k = filter(vs, key, null).size();
            known.put(vs, k);
        }
        return (int) k;
    }

    /** Arithmetic of {@link #count}: exact {@code long}s or {@link BigInteger}s. */
    private interface Sum {
        Number zero();

        Number one();

        Number add(Number a, Number b);

        Number times(Number a, long b);
    }

    private static final Sum LONGS = new Sum() {
        public Number zero() {
            return 0L;
        }

        public Number one() {
            return 1L;
        }

        public Number add(Number a, Number b) {
            return Math.addExact(a.longValue(), b.longValue());
        }

        public Number times(Number a, long b) {
            return Math.multiplyExact(a.longValue(), b);
        }
    };

    private static final Sum BIG = new Sum() {
        public Number zero() {
            return BigInteger.ZERO;
        }

        public Number one() {
            return BigInteger.ONE;
        }

        public Number add(Number a, Number b) {
            return ((BigInteger) a).add((BigInteger) b);
        }

        public Number times(Number a, long b) {
            return ((BigInteger) a).multiply(BigInteger.valueOf(b));
        }
    };

    private final Map<NodeSeen, Number> countMemo = new HashMap<>();

    /** Identifiers selected below {@code node} (its own values not counted), {@code seen} as in {@link #body}. */
    private Number counted(int node, long seen, Sum sum) {
        NodeSeen memoKey = new NodeSeen(node, mode == SelectMode.PRUNE ? seen : 0);
        Number known = countMemo.get(memoKey);
        if (known != null) {
            return known;
        }
        boolean terminal = src.key(node) >= 0 && src.terminal(node) && (mode != SelectMode.PRUNE || seen == allBits);
        Number total = terminal ? sum.one() : sum.zero();
        int n = src.childCount(node);
        for (int i = 0; i < n; i++) {
            int c = src.child(node, i);
            int bit = bitOfKey[src.key(c)];
            long kept;
            long next = seen;
            if (bit >= 0) {
                kept = filter(src.valueSet(c), src.key(c), null).size();
                next |= 1L << bit;
            } else if (mode == SelectMode.STRICT) {
                continue;
            } else {
                kept = src.valueCount(src.valueSet(c));
            }
            if (kept > 0) {
                total = sum.add(total, sum.times(counted(c, next, sum), kept));
            }
        }
        countMemo.put(memoKey, total);
        return total;
    }

    private Body compute(int node, long seen) {
        boolean terminal = src.key(node) >= 0 && src.terminal(node) && (mode != SelectMode.PRUNE || seen == allBits);
        Siblings out = new Siblings(t);
        int n = src.childCount(node);
        for (int i = 0; i < n; i++) {
            int c = src.child(node, i);
            int bit = bitOfKey[src.key(c)];
            List<String> values;
            long next = seen;
            if (bit >= 0) {
                values = filter(src.valueSet(c), src.key(c), src.keyTextOf(c));
                next |= 1L << bit;
            } else if (mode == SelectMode.STRICT) {
                continue;
            } else {
                values = null; // every value
            }
            if (values != null && values.isEmpty()) {
                continue;
            }
            Body b = body(c, next);
            if (b.isEmpty()) {
                continue;
            }
            int vs = src.valueSet(c);
            keep(out, src.key(c), vs, src.valueCount(vs), values, b);
        }
        return new Body(terminal, out.finish());
    }

    /** The values of value set {@code vs} (of key {@code localKey}, whose text is {@code keyText} or null: looked up) that the selection keeps. */
    private List<String> filter(int vs, int localKey, String keyText) {
        return filtered.computeIfAbsent(((long) vs << 32) | localKey, q -> {
            String k = keyText != null ? keyText : src.keyText(localKey);
            List<String> kept = new ArrayList<>();
            for (String v : src.values(vs)) {
                if (selection.accepts(k, v)) {
                    kept.add(v);
                }
            }
            return kept;
        });
    }
}
