package dev.qube.internal;

import java.util.Arrays;

/**
 * The distinct nodes below one root of a store, numbered densely with children before
 * parents, and the child lists as those numbers: walks that visit every distinct node (counts,
 * counts of a selection, depth, tree nodes) loop over these arrays instead of looking each child
 * up in a per-walk hash table. Built once per (store, root) by {@link Store#dense(int)} and kept by
 * the store (softly: the collector may drop it, and it is rebuilt on the next walk).
 *
 * <p>Memory: 21 bytes per distinct node and 4 per edge of the DAG, on the heap.
 */
final class DenseNodes {

    /** Dense number → the node's reference in the store; the root is last. */
    final int[] ref;
    /** Children of node {@code i} are {@code child[firstChild[i] .. firstChild[i + 1])}, as dense numbers. */
    final int[] firstChild;
    final int[] child;
    /** Values of node {@code i} (1 for the root, which has none). */
    final int[] valueCount;
    /** Whether identifiers end at node {@code i} (never the root). */
    final boolean[] terminal;
    /** Key (the store's local index) of node {@code i}; -1 for the root. */
    final int[] key;
    /** Value set of node {@code i}; 0 for the root. */
    final int[] valueSet;

    private DenseNodes(int[] ref, int[] firstChild, int[] child, int[] valueCount, boolean[] terminal, int[] key, int[] valueSet) {
        this.ref = ref;
        this.firstChild = firstChild;
        this.child = child;
        this.valueCount = valueCount;
        this.terminal = terminal;
        this.key = key;
        this.valueSet = valueSet;
    }

    /**
     * What counts of selections read besides the arrays above, worked out on first use and kept
     * with the numbering: the nodes of each key and the weight above each node. Null until then.
     */
    private volatile Weights weights;

    /**
     * {@code above[i]}: the number of value combinations on the paths from the root down to node
     * {@code i} (the product of the value counts of the nodes before it, summed over its paths; 1
     * for the root), so that {@code above[i] * valueCount[i]} identifier prefixes end at {@code i};
     * {@code total}: the qube's count. {@code above} is null if a weight or the total overflows a
     * {@code long}. {@code ofKey[k]}: the numbers of the nodes of local key {@code k}, ascending (keys
     * beyond its length have no node).
     */
    record Weights(long[] above, long total, int[][] ofKey) {
    }

    /** The {@link Weights} of this numbering, worked out on the first call (racing callers may both work them out). */
    Weights weights() {
        Weights w = weights;
        if (w == null) {
            weights = w = computeWeights();
        }
        return w;
    }

    private Weights computeWeights() {
        int n = size();
        int keys = 0;
        for (int k : key) {
            keys = Math.max(keys, k + 1);
        }
        int[] perKey = new int[keys];
        for (int i = 0; i < n; i++) {
            if (key[i] >= 0) {
                perKey[key[i]]++;
            }
        }
        int[][] ofKey = new int[keys][];
        for (int k = 0; k < keys; k++) {
            ofKey[k] = new int[perKey[k]];
            perKey[k] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (key[i] >= 0) {
                ofKey[key[i]][perKey[key[i]]++] = i;
            }
        }
        long[] above = new long[n];
        long total = 0;
        try {
            above[n - 1] = 1;
            for (int i = n - 1; i >= 0; i--) { // parents before children
                long through = Math.multiplyExact(above[i], (long) valueCount[i]);
                if (terminal[i]) {
                    total = Math.addExact(total, through);
                }
                for (int j = firstChild[i], end = firstChild[i + 1]; j < end; j++) {
                    above[child[j]] = Math.addExact(above[child[j]], through);
                }
            }
        } catch (ArithmeticException overflow) {
            above = null;
            total = -1;
        }
        return new Weights(above, total, ofKey);
    }

    /** Number of distinct nodes, root included. */
    int size() {
        return ref.length;
    }

    /** The dense number of the root. */
    int root() {
        return ref.length - 1;
    }

    /** Stores of up to this many bytes number their nodes through an array indexed by reference. */
    static final long DIRECT_LIMIT = 16L << 20;

    /**
     * Numbers the distinct nodes below {@code root} in one depth-first walk (post-order). Each
     * child reference is read once and looked up once: in an array indexed by reference / 4 for
     * stores up to {@link #DIRECT_LIMIT} bytes (a quarter of their bytes in {@code int}s, for the
     * walk's duration), in a hash table beyond.
     */
    static DenseNodes of(Store s, int root) {
        return of(s, root, s.arena().bytesInUse() <= DIRECT_LIMIT);
    }

    /** {@link #of(Store, int)}, numbering through the array if {@code direct}, else through the hash table. */
    static DenseNodes of(Store s, int root, boolean direct) {
        return walk(s, root, direct ? new int[(int) (s.arena().bytesInUse() >>> 2) + 1] : null);
    }

    private static DenseNodes walk(Store s, int root, int[] direct) { // direct: number + 1 by reference / 4; 0: none yet
        IntMap hashed = direct == null ? new IntMap(Math.min(s.memoSize(), 1 << 16)) : null;
        int cap = Math.min(s.memoSize(), 1 << 16); // at most this many nodes fit in the store's bytes (grows past the cap)
        int[] ref = new int[cap];
        int[] firstChild = new int[cap + 1];
        int[] valueCount = new int[cap];
        boolean[] terminal = new boolean[cap];
        int[] key = new int[cap];
        int[] valueSet = new int[cap];
        int[] child = new int[cap * 2];
        int nodes = 0;

        int[] stack = new int[64]; // nodes being walked, the root at the bottom
        int[] next = new int[64]; // the next child to look at, per level
        int[] pending = new int[64]; // numbers of the children seen so far, of every level in turn
        int pendingTop = 0;
        int top = 0;
        stack[0] = root;
        while (true) {
            int n = stack[top];
            int k = s.childCount(n);
            boolean descended = false;
            while (next[top] < k) {
                int c = s.child(n, next[top]++);
                int number;
                if (direct != null) {
                    number = direct[c >>> 2] - 1;
                } else {
                    long h = hashed.get(c);
                    number = h == IntMap.MISSING ? -1 : (int) h;
                }
                if (number < 0) {
                    if (++top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                        next = Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = c;
                    next[top] = 0;
                    descended = true;
                    break;
                }
                if (pendingTop == pending.length) {
                    pending = Arrays.copyOf(pending, pendingTop * 2);
                }
                pending[pendingTop++] = number;
            }
            if (descended) {
                continue;
            }
            // every child is numbered, its number on the pending stack: number this node
            if (nodes == ref.length) {
                int grown = nodes * 2;
                ref = Arrays.copyOf(ref, grown);
                firstChild = Arrays.copyOf(firstChild, grown + 1);
                valueCount = Arrays.copyOf(valueCount, grown);
                terminal = Arrays.copyOf(terminal, grown);
                key = Arrays.copyOf(key, grown);
                valueSet = Arrays.copyOf(valueSet, grown);
            }
            int edges = firstChild[nodes];
            if (edges + k > child.length) {
                child = Arrays.copyOf(child, Math.max(child.length * 2, edges + k));
            }
            pendingTop -= k;
            System.arraycopy(pending, pendingTop, child, edges, k);
            firstChild[nodes + 1] = edges + k;
            int k0 = s.key(n);
            boolean real = k0 >= 0;
            ref[nodes] = n;
            key[nodes] = real ? k0 : -1;
            int vs = real ? s.valueSet(n) : 0;
            valueSet[nodes] = vs;
            valueCount[nodes] = real ? s.valueCount(vs) : 1;
            terminal[nodes] = real && s.terminal(n);
            if (direct != null) {
                direct[n >>> 2] = nodes + 1;
            } else {
                hashed.put(n, nodes);
            }
            if (top == 0) {
                nodes++;
                break;
            }
            // the parent sees this node as its next child's number
            if (pendingTop == pending.length) {
                pending = Arrays.copyOf(pending, pendingTop * 2);
            }
            pending[pendingTop++] = nodes;
            nodes++;
            top--;
        }
        int edges = firstChild[nodes];
        if (ref.length == nodes && child.length == edges) {
            return new DenseNodes(ref, firstChild, child, valueCount, terminal, key, valueSet);
        }
        return new DenseNodes(Arrays.copyOf(ref, nodes), Arrays.copyOf(firstChild, nodes + 1), Arrays.copyOf(child, edges),
                Arrays.copyOf(valueCount, nodes), Arrays.copyOf(terminal, nodes), Arrays.copyOf(key, nodes),
                Arrays.copyOf(valueSet, nodes));
    }
}
