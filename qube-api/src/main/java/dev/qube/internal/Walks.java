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
     * Exact number of identifiers: O(unique nodes). One depth-first walk in {@code long}
     * arithmetic with a primitive memo (no object per node); if a count would overflow, the walk is
     * done again with {@code BigInteger}s.
     */
    public static BigInteger count(Store s, int root) {
        try {
            return BigInteger.valueOf(countLong(s, root));
        } catch (ArithmeticException overflow) {
            List<Integer> order = uniqueNodes(s, root);
            Map<Integer, BigInteger> big = new HashMap<>(order.size() * 2);
            for (int n : order) {
                BigInteger below = s.key(n) >= 0 && s.terminal(n) ? BigInteger.ONE : BigInteger.ZERO;
                int k = s.childCount(n);
                for (int i = 0; i < k; i++) {
                    below = below.add(big.get(s.child(n, i)));
                }
                big.put(n, s.key(n) < 0 ? below : below.multiply(BigInteger.valueOf(s.valueCount(s.valueSet(n)))));
            }
            return big.get(root);
        }
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

    /** The count in {@code long}s; {@link ArithmeticException} if it would overflow. */
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

    /** Nodes of the tree that the DAG stands for, root included (how qubed counts). */
    public static BigInteger treeNodes(Store s, int root) {
        Map<Integer, BigInteger> memo = new HashMap<>();
        for (int n : uniqueNodes(s, root)) {
            BigInteger r = BigInteger.ONE;
            int k = s.childCount(n);
            for (int i = 0; i < k; i++) {
                r = r.add(memo.get(s.child(n, i)));
            }
            memo.put(n, r);
        }
        return memo.get(root);
    }

    /** Every distinct node reachable from the root (root included), children before parents. */
    public static List<Integer> uniqueNodes(Store s, int root) {
        List<Integer> out = new ArrayList<>();
        IntMap seen = new IntMap(1024);
        int[] nodes = new int[64];
        int[] next = new int[64];
        int top = 0;
        nodes[0] = root;
        seen.put(root, 1);
        while (top >= 0) {
            int n = nodes[top];
            if (next[top] < s.childCount(n)) {
                int c = s.child(n, next[top]++);
                if (seen.get(c) == IntMap.MISSING) {
                    seen.put(c, 1);
                    if (++top == nodes.length) {
                        nodes = java.util.Arrays.copyOf(nodes, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                    }
                    nodes[top] = c;
                    next[top] = 0;
                }
            } else {
                out.add(n);
                top--;
            }
        }
        return out;
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
        Map<Integer, Integer> memo = new HashMap<>();
        for (int n : uniqueNodes(s, root)) {
            int d = 0;
            int k = s.childCount(n);
            for (int i = 0; i < k; i++) {
                d = Math.max(d, memo.get(s.child(n, i)));
            }
            memo.put(n, s.key(n) < 0 ? d : d + 1);
        }
        return memo.get(root);
    }

    /** Fits a count in a long or says it does not. */
    public static long exactLong(BigInteger count) {
        if (count.compareTo(LONG_MAX) > 0) {
            throw new ArithmeticException("count " + count + " exceeds Long.MAX_VALUE; use countExact()");
        }
        return count.longValue();
    }
}
