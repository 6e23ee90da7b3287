package dev.qube.internal;

import dev.qube.ValueOrder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Read-only walks over a sealed store: counts, axes, membership, equality. O(unique nodes) where possible. */
public final class Walks {
    private Walks() {
    }

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * Exact number of identifiers: O(unique nodes), in {@code long} arithmetic, again in
     * {@code BigInteger}s if a count would overflow. If the store keeps a dense numbering of its
     * nodes ({@link DenseNodes}: built by the first walk that needs one, such as a count of a
     * selection), one pass over its arrays; otherwise one depth-first walk with a primitive memo,
     * which costs about half of building the numbering (a qube's first count, which it caches,
     * must not pay for a numbering that nothing else may use).
     */
    public static BigInteger count(Store s, int root) {
        DenseNodes kept = s.keptDense(root);
        if (kept != null) {
            return count(kept);
        }
        return countByWalk(s, root);
    }

    /** {@link #count} by the depth-first walk, whatever the store keeps (what a qube's first count costs). */
    public static BigInteger countByWalk(Store s, int root) {
        try {
            return BigInteger.valueOf(countLong(s, root));
        } catch (ArithmeticException overflow) {
            return count(s.dense(root));
        }
    }

    /** {@link #count} over the store's dense numbering, built first if the store keeps none. */
    public static BigInteger countNumbered(Store s, int root) {
        return count(s.dense(root));
    }

    /** The count in {@code long}s by a depth-first walk; {@link ArithmeticException} if it would overflow. */
    private static long countLong(Store s, int root) {
        IntMap memo = new IntMap(s.memoSize()); // sized once: regrowing it was most of the walk
        int[] nodes = new int[64];
        int[] next = new int[64];
        long[] sum = new long[64]; // identifiers below the node at each level, children so far
        int top = 0;
        nodes[0] = root;
        while (true) {
            int n = nodes[top];
            if (next[top] < s.childCount(n)) {
                int c = s.child(n, next[top]++);
                long known = memo.get(c);
                if (known != IntMap.MISSING) {
                    sum[top] = Math.addExact(sum[top], known);
                } else {
                    if (++top == nodes.length) {
                        nodes = java.util.Arrays.copyOf(nodes, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                        sum = java.util.Arrays.copyOf(sum, top * 2);
                    }
                    nodes[top] = c;
                    next[top] = 0;
                    sum[top] = 0;
                }
                continue;
            }
            long below = Math.addExact(sum[top], s.key(n) >= 0 && s.terminal(n) ? 1 : 0);
            long count = s.key(n) < 0 ? below : Math.multiplyExact(below, (long) s.valueCount(s.valueSet(n)));
            if (top == 0) {
                return count;
            }
            memo.put(n, count);
            top--;
            sum[top] = Math.addExact(sum[top], count);
        }
    }

    /**
     * {@link #count} over a dense numbering built anew rather than taken from the store: what the
     * first numbered walk of a qube costs (for benchmarks).
     */
    public static BigInteger countFresh(Store s, int root) {
        s.checkOpen();
        return count(DenseNodes.of(s, root));
    }

    private static BigInteger count(DenseNodes d) {
        try {
            return BigInteger.valueOf(countLong(d));
        } catch (ArithmeticException overflow) {
            BigInteger[] below = new BigInteger[d.size()];
            for (int i = 0; i < below.length; i++) {
                BigInteger sum = d.terminal[i] ? BigInteger.ONE : BigInteger.ZERO;
                for (int j = d.firstChild[i], end = d.firstChild[i + 1]; j < end; j++) {
                    sum = sum.add(below[d.child[j]]);
                }
                below[i] = sum.multiply(BigInteger.valueOf(d.valueCount[i]));
            }
            return below[d.root()];
        }
    }

    /** The count in {@code long}s; {@link ArithmeticException} if it would overflow. */
    private static long countLong(DenseNodes d) {
        long[] below = new long[d.size()];
        int[] first = d.firstChild;
        int[] child = d.child;
        for (int i = 0; i < below.length; i++) {
            long sum = d.terminal[i] ? 1 : 0;
            for (int j = first[i], end = first[i + 1]; j < end; j++) {
                sum = Math.addExact(sum, below[child[j]]);
            }
            below[i] = Math.multiplyExact(sum, (long) d.valueCount[i]);
        }
        return below[below.length - 1];
    }

    /**
     * The distinct key sequences of the identifiers (keys in path order), each with the number of
     * identifiers that have it, in the order first met depth-first. Memoised on the distinct nodes,
     * so it costs (distinct nodes × key sequences below each), not identifiers.
     */
    public static Map<List<String>, BigInteger> keyOrders(Store s, int root) {
        Map<Integer, Map<List<String>, BigInteger>> memo = new HashMap<>();
        for (int n : uniqueNodes(s, root)) {
            Map<List<String>, BigInteger> out = new java.util.LinkedHashMap<>();
            boolean real = s.key(n) >= 0;
            String key = real ? s.keyTextOf(n) : null;
            BigInteger values = real ? BigInteger.valueOf(s.valueCount(s.valueSet(n))) : BigInteger.ONE;
            if (real && s.terminal(n)) {
                out.put(List.of(key), values);
            }
            int k = s.childCount(n);
            for (int i = 0; i < k; i++) {
                memo.get(s.child(n, i)).forEach((seq, count) -> {
                    List<String> full;
                    if (real) {
                        List<String> x = new ArrayList<>(seq.size() + 1);
                        x.add(key);
                        x.addAll(seq);
                        full = List.copyOf(x);
                    } else {
                        full = seq;
                    }
                    out.merge(full, count.multiply(values), BigInteger::add);
                });
            }
            memo.put(n, out);
        }
        return java.util.Collections.unmodifiableMap(memo.get(root));
    }

    /** Nodes of the tree that the DAG stands for, root included (how qubed counts). */
    public static BigInteger treeNodes(Store s, int root) {
        DenseNodes d = s.dense(root);
        BigInteger[] below = new BigInteger[d.size()];
        for (int i = 0; i < below.length; i++) {
            BigInteger r = BigInteger.ONE;
            for (int j = d.firstChild[i], end = d.firstChild[i + 1]; j < end; j++) {
                r = r.add(below[d.child[j]]);
            }
            below[i] = r;
        }
        return below[d.root()];
    }

    /** Every distinct node reachable from the root (root included), children before parents. */
    public static List<Integer> uniqueNodes(Store s, int root) {
        int[] refs = s.dense(root).ref;
        List<Integer> out = new ArrayList<>(refs.length);
        for (int r : refs) {
            out.add(r);
        }
        return out;
    }

    /** Number of distinct nodes reachable from the root, root included. */
    public static int uniqueNodeCount(Store s, int root) {
        return s.dense(root).size();
    }

    /** Key → every value it takes, keys by code point, values in canonical order. */
    public static Map<String, SortedSet<String>> axes(Store s, int root) {
        TreeMap<String, SortedSet<String>> out = new TreeMap<>(ValueOrder::compareCodePoints);
        Set<Long> seenSets = new HashSet<>();
        for (int n : uniqueNodes(s, root)) {
            if (s.key(n) < 0) {
                continue;
            }
            int vs = s.valueSet(n);
            if (seenSets.add(((long) s.key(n) << 32) | Integer.toUnsignedLong(vs))) {
                out.computeIfAbsent(s.keyTextOf(n), k -> new TreeSet<>(ValueOrder.INSTANCE)).addAll(s.values(vs));
            }
        }
        Map<String, SortedSet<String>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSortedSet(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** Whether the identifier (pairs in path order) is in the qube. */
    public static boolean contains(Store s, int root, List<Map.Entry<String, String>> pairs) {
        int at = root;
        for (Map.Entry<String, String> p : pairs) {
            int next = 0;
            int n = s.childCount(at);
            for (int i = 0; i < n && next == 0; i++) {
                int c = s.child(at, i);
                if (s.keyTextOf(c).equals(p.getKey()) && s.containsValue(s.valueSet(c), p.getValue())) {
                    next = c;
                }
            }
            if (next == 0) {
                return false;
            }
            at = next;
        }
        return at != root && s.terminal(at);
    }

    /** Whether two canonical qubes hold the same identifiers (structural equality of canonical forms). */
    public static boolean equal(Store a, int ra, Store b, int rb) {
        if (a.hash(ra) != b.hash(rb)) {
            return false;
        }
        if (a == b) {
            return ra == rb;
        }
        return equalNodes(a, ra, b, rb, new HashSet<>());
    }

    private static boolean equalNodes(Store a, int na, Store b, int nb, Set<Long> proven) {
        long pair = ((long) na << 32) | Integer.toUnsignedLong(nb);
        if (proven.contains(pair)) {
            return true;
        }
        if (a.hash(na) != b.hash(nb) || a.terminal(na) != b.terminal(nb) || a.childCount(na) != b.childCount(nb)) {
            return false;
        }
        boolean rootA = a.key(na) < 0;
        if (rootA != (b.key(nb) < 0)) {
            return false;
        }
        if (!rootA && (!a.keyTextOf(na).equals(b.keyTextOf(nb))
                || !a.values(a.valueSet(na)).equals(b.values(b.valueSet(nb))))) {
            return false;
        }
        int n = a.childCount(na);
        for (int i = 0; i < n; i++) {
            if (!equalNodes(a, a.child(na, i), b, b.child(nb, i), proven)) {
                return false;
            }
        }
        proven.add(pair);
        return true;
    }

    /** Depth of the deepest identifier (0 for the empty qube). */
    public static int depth(Store s, int root) {
        DenseNodes d = s.dense(root);
        int[] below = new int[d.size()];
        for (int i = 0; i < below.length; i++) {
            int deepest = 0;
            for (int j = d.firstChild[i], end = d.firstChild[i + 1]; j < end; j++) {
                deepest = Math.max(deepest, below[d.child[j]]);
            }
            below[i] = i == below.length - 1 ? deepest : deepest + 1;
        }
        return below[d.root()];
    }

    /** Fits a count in a long or says it does not. */
    public static long exactLong(BigInteger count) {
        if (count.compareTo(LONG_MAX) > 0) {
            throw new ArithmeticException("count " + count + " exceeds Long.MAX_VALUE; use countExact()");
        }
        return count.longValue();
    }
}
