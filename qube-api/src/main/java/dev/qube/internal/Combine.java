package dev.qube.internal;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One binary set operation between two canonical qubes (stores {@code a} and {@code b}), written
 * canonically into store {@code t}. Works on node bodies with a computed table (memo of
 * {@code op(x, y)} on node pairs), so shared subtrees are combined once. Any of the stores may be
 * the same store.
 */
public final class Combine {

    /** The four binary operations, by what they keep of (only a, both, only b). */
    public enum Op {
        UNION(true, true, true), INTERSECT(false, true, false), MINUS(true, false, false), XOR(true, false, true);

        final boolean keepA;
        final boolean keepBoth;
        final boolean keepB;

        Op(boolean keepA, boolean keepBoth, boolean keepB) {
            this.keepA = keepA;
            this.keepBoth = keepBoth;
            this.keepB = keepB;
        }

        boolean apply(boolean x, boolean y) {
            return x && y ? keepBoth : x ? keepA : y && keepB;
        }
    }

    private final Op op;
    private final Store a;
    private final Store b;
    private final Store t;
    private final PairMemo<Body> memo;
    private final Copier copyA;
    private final Copier copyB;
    private final Decoded valuesA = new Decoded();
    private final Decoded valuesB;

    /** The texts of the value sets of one store decoded so far, by value-set reference (no boxing). */
    private static final class Decoded {
        private final IntMap index = new IntMap(256);
        private final List<List<String>> lists = new ArrayList<>();

        List<String> of(Store s, int vs) {
            long i = index.get(vs);
            if (i != IntMap.MISSING) {
                return lists.get((int) i);
            }
            List<String> texts = s.values(vs);
            index.put(vs, lists.size());
            lists.add(texts);
            return texts;
        }
    }

    public Combine(Op op, Store a, Store b, Store t) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.t = t;
        this.copyA = new Copier(a, t);
        this.copyB = b == a ? copyA : new Copier(b, t);
        this.valuesB = b == a ? valuesA : new Decoded();
        this.memo = new PairMemo<>(expectedPairs(a, b));
    }

    /*
     * About one memo entry per stored node of either input (a node meets its counterparts once);
     * a stored node takes 24-80 bytes, so 32 bytes per node estimates the count from the arena.
     * The first allocation is capped (a small operation on a huge qube must not zero megabytes);
     * past it the table grows by doubling.
     */
    static int expectedPairs(Store a, Store b) {
        long bytes = a.arena().bytesInUse() + (b == a ? 0 : b.arena().bytesInUse());
        return (int) Math.min(bytes / 32, 1 << 16);
    }

    /** Combines two whole qubes given their roots; returns the root of the result in {@code t}. */
    public int roots(int rootA, int rootB) {
        int[] children = lists(a.children(rootA), b.children(rootB));
        return t.writeRoot(children, children.length);
    }

    /** Union of many canonical sibling lists of {@code t}, reduced pairwise (balanced, no quadratic rebuilding). */
    public int[] unionAll(List<int[]> lists) {
        if (lists.isEmpty()) {
            return new int[0];
        }
        List<int[]> level = lists;
        while (level.size() > 1) {
            List<int[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(lists(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return level.getFirst();
    }

    /**
     * Combines two canonical sibling lists (of {@code a} and of {@code b}) into one of {@code t}.
     * Keys are told apart by their process-wide interned ids (equal ids, equal texts); texts are
     * compared only to order two different keys.
     */
    public int[] lists(int[] ca, int[] cb) {
        Siblings out = new Siblings(t);
        int i = 0;
        int j = 0;
        while (i < ca.length || j < cb.length) {
            int keyA = i < ca.length ? a.key(ca[i]) : -1;
            int keyB = j < cb.length ? b.key(cb[j]) : -1;
            int c;
            if (i == ca.length) {
                c = 1;
            } else if (j == cb.length) {
                c = -1;
            } else if (a.keyGlobal(keyA) == b.keyGlobal(keyB)) {
                c = 0;
            } else {
                c = dev.qube.ValueOrder.compareCodePoints(a.keyText(keyA), b.keyText(keyB));
            }
            int endA = i;
            if (c <= 0) {
                while (endA < ca.length && a.key(ca[endA]) == keyA) {
                    endA++;
                }
            }
            int endB = j;
            if (c >= 0) {
                while (endB < cb.length && b.key(cb[endB]) == keyB) {
                    endB++;
                }
            }
            if (c < 0) {
                if (op.keepA) {
                    for (int x = i; x < endA; x++) {
                        out.addNode(copyA.node(ca[x]));
                    }
                }
            } else if (c > 0) {
                if (op.keepB) {
                    for (int y = j; y < endB; y++) {
                        out.addNode(copyB.node(cb[y]));
                    }
                }
            } else {
                sameKey(t.localKey(a.keyGlobal(keyA)), ca, i, endA, cb, j, endB, out);
            }
            i = endA;
            j = endB;
        }
        return out.finish();
    }

    /** Same-key siblings of both sides: pair values, combine the bodies of each pair. */
    private void sameKey(int tkey, int[] ca, int i0, int i1, int[] cb, int j0, int j1, Siblings out) {
        if (i1 - i0 == 1 && j1 - j0 == 1) {
            int na = ca[i0];
            int nb = cb[j0];
            int va = a.valueSet(na);
            int vb = b.valueSet(nb);
            Partition p = partition(va, vb);
            int countA = a.valueCount(va);
            int countB = b.valueCount(vb);
            // a side whose values all land in one part keeps its stored set (copied as bytes);
            // an empty part has no body to work out (nor a subtree to copy for nothing)
            if (p.onlyA().size() == countA) {
                out.add(tkey, a, va, body(na, 0));
            } else if (!p.onlyA().isEmpty()) {
                out.add(tkey, p.onlyA(), body(na, 0));
            }
            if (p.both().size() == countA) {
                out.add(tkey, a, va, body(na, nb));
            } else if (p.both().size() == countB) {
                out.add(tkey, b, vb, body(na, nb));
            } else if (!p.both().isEmpty()) {
                out.add(tkey, p.both(), body(na, nb));
            }
            if (p.onlyB().size() == countB) {
                out.add(tkey, b, vb, body(0, nb));
            } else if (!p.onlyB().isEmpty()) {
                out.add(tkey, p.onlyB(), body(0, nb));
            }
            return;
        }
        Map<String, Integer> bOf = new HashMap<>();
        for (int y = j0; y < j1; y++) {
            for (String v : valuesB.of(b, b.valueSet(cb[y]))) {
                bOf.put(v, y);
            }
        }
        Map<Long, List<String>> pairs = new LinkedHashMap<>();
        for (int x = i0; x < i1; x++) {
            for (String v : valuesA.of(a, a.valueSet(ca[x]))) {
                Integer y = bOf.remove(v);
                if (y == null && !op.keepA) {
                    continue; // a value of a alone, which the operation drops
                }
                long key = ((long) x << 32) | (y == null ? 0xffffffffL : y);
                pairs.computeIfAbsent(key, q -> new ArrayList<>()).add(v);
            }
        }
        if (op.keepB) {
            for (Map.Entry<String, Integer> e : bOf.entrySet()) {
                pairs.computeIfAbsent(0xffffffff00000000L | e.getValue(), q -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (Map.Entry<Long, List<String>> e : pairs.entrySet()) {
            int x = (int) (e.getKey() >> 32);
            int y = (int) (long) e.getKey();
            // (one-sided pairs exist only for the sides the operation keeps)
            out.add(tkey, e.getValue(), body(x != -1 ? ca[x] : 0, y != -1 ? cb[y] : 0));
        }
    }

    private Partition partition(int vsA, int vsB) {
        ValueCodec ca = a.codec(vsA);
        ValueCodec cb = b.codec(vsB);
        if (ca == cb && !StringTable.is(ca)) {
            return ca.partition(a.segment(), a.payload(vsA), b.segment(), b.payload(vsB));
        }
        return Partition.of(valuesA.of(a, vsA), valuesB.of(b, vsB));
    }

    /**
     * The body of {@code op} applied to the bodies of node {@code na} of {@code a} and node
     * {@code nb} of {@code b}; 0 stands for an absent node (an empty body).
     */
    Body body(int na, int nb) {
        if (nb == 0 && !op.keepA || na == 0 && !op.keepB) {
            return Body.EMPTY; // a side the operation drops: nothing to look up
        }
        Body r = memo.get(na, nb);
        if (r == null) {
            r = compute(na, nb);
            memo.put(na, nb, r);
        }
        return r;
    }

    private Body compute(int na, int nb) {
        boolean ta = na != 0 && a.terminal(na);
        boolean tb = nb != 0 && b.terminal(nb);
        if (na != 0 && nb != 0 && a == b && na == nb) {
            // x op x: union and intersection give x, difference and xor give nothing
            return op == Op.UNION || op == Op.INTERSECT ? copyA.body(na) : Body.EMPTY;
        }
        if (nb == 0) { // (a side the operation drops never gets here: see body)
            return copyA.body(na);
        }
        if (na == 0) {
            return copyB.body(nb);
        }
        boolean term = op.apply(ta, tb);
        int[] children = lists(a.children(na), b.children(nb));
        return new Body(term, children);
    }
}
