package dev.qube.internal;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identifier ranks of one sealed qube: the rank of an identifier is its position in canonical
 * order. Each node's <em>steps</em> (one per key and value below it, in canonical order) are
 * listed once with the number of identifiers each step leads to, so rank ↔ identifier costs a
 * binary search per level. Counts must fit in a {@code long}. Safe for concurrent readers.
 */
@SuppressWarnings("unchecked")
public final class Ranks {

    /** The steps below one node: parallel arrays in canonical (key, value) order. */
    public static final class Steps {
        public final String[] keys;
        public final String[] values;
        public final int[] nodes;
        /** Identifiers before step i among the node's steps; {@code before[n]} is the total. */
        public final long[] before;

        Steps(String[] keys, String[] values, int[] nodes, long[] before) {
            this.keys = keys;
            this.values = values;
            this.nodes = nodes;
            this.before = before;
        }

        public int size() {
            return keys.length;
        }

        /** Identifiers below step {@code i} (the one ending at it included). */
        public long sub(int i) {
            return before[i + 1] - before[i];
        }

        public long total() {
            return before[keys.length];
        }

        /** Index of the step (key, value), or {@code -(insertion point) - 1}. */
        public int find(String key, String value) {
            int lo = 0;
            int hi = keys.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = compare(keys[mid], values[mid], key, value);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }
    }

    /** Canonical order of steps: key by code point, then value. */
    public static int compare(String k1, String v1, String k2, String v2) {
        int c = ValueOrder.compareCodePoints(k1, k2);
        return c != 0 ? c : ValueOrder.INSTANCE.compare(v1, v2);
    }

    private final Store s;
    private final int root;
    private final ConcurrentHashMap<Integer, Steps> steps = new ConcurrentHashMap<>();

    public Ranks(Store s, int root) {
        this.s = s;
        this.root = root;
    }

    public Store store() {
        return s;
    }

    public int root() {
        return root;
    }

    /** Identifiers below a node reached by one step: the one ending there (if any) and those below. */
    public long below(int node) {
        return (s.terminal(node) ? 1 : 0) + steps(node).total();
    }

    public Steps steps(int node) {
        Steps st = steps.get(node);
        if (st == null) {
            st = compute(node);
            steps.put(node, st);
        }
        return st;
    }

    private Steps compute(int node) {
        s.checkOpen();
        int k = s.childCount(node);
        int n = 0;
        List<String>[] sets = new List[k];
        int[] children = new int[k];
        boolean sorted = true; // siblings are in key order: with no key twice, their steps are already in order
        for (int i = 0; i < k; i++) {
            children[i] = s.child(node, i);
            sets[i] = s.values(s.valueSet(children[i]));
            n += sets[i].size();
            if (i > 0 && s.key(children[i]) == s.key(children[i - 1])) {
                sorted = false;
            }
        }
        String[] ks = new String[n];
        String[] vs = new String[n];
        int[] ns = new int[n];
        int[] ci = new int[n]; // the child index of each step
        int at = 0;
        for (int i = 0; i < k; i++) {
            String key = s.keyTextOf(children[i]);
            for (String v : sets[i]) {
                ks[at] = key;
                vs[at] = v;
                ns[at] = children[i];
                ci[at] = i;
                at++;
            }
        }
        if (!sorted) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> compare(ks[x], vs[x], ks[y], vs[y]));
            String[] k2 = new String[n];
            String[] v2 = new String[n];
            int[] n2 = new int[n];
            int[] c2 = new int[n];
            for (int i = 0; i < n; i++) {
                k2[i] = ks[order[i]];
                v2[i] = vs[order[i]];
                n2[i] = ns[order[i]];
                c2[i] = ci[order[i]];
            }
            System.arraycopy(k2, 0, ks, 0, n);
            System.arraycopy(v2, 0, vs, 0, n);
            System.arraycopy(n2, 0, ns, 0, n);
            System.arraycopy(c2, 0, ci, 0, n);
        }
        long[] before = new long[n + 1];
        long[] belowOf = new long[k];
        for (int i = 0; i < k; i++) {
            belowOf[i] = below(children[i]);
        }
        for (int i = 0; i < n; i++) {
            before[i + 1] = Math.addExact(before[i], belowOf[ci[i]]);
        }
        return new Steps(ks, vs, ns, before);
    }

    /** Number of identifiers of the qube. */
    public long count() {
        return steps(root).total();
    }

    /** The rank of an identifier given as pairs, or -1 when the qube does not hold it. */
    public long rankOf(String[] keys, String[] values, int n) {
        int at = root;
        long rank = 0;
        for (int i = 0; i < n; i++) {
            Steps st = steps(at);
            int j = st.find(keys[i], values[i]);
            if (j < 0) {
                return -1;
            }
            rank += st.before[j];
            at = st.nodes[j];
            if (i < n - 1) {
                if (s.terminal(at)) {
                    rank++;
                }
            } else if (!s.terminal(at)) {
                return -1;
            }
        }
        return n == 0 ? -1 : rank;
    }
}
