package dev.qube.internal;

import java.util.Arrays;

/**
 * Where the identifiers of a result come from: the result's ranks cut into segments, each mapping
 * linearly onto ranks of input {@code a} and/or input {@code b} (or onto neither). The three trees
 * are walked together step by step (key and value), but only down to where a whole result subtree
 * is the same as a whole input subtree: there one segment covers it. So a result copied from its
 * inputs costs a few segments, not one per identifier.
 */
public final class Align {

    /** Segments in result-rank order: {@code [t, t + len)} maps to {@code [a, a + len)} and {@code [b, b + len)}; -1 for none. */
    public long[] t = new long[16];
    public long[] len = new long[16];
    public long[] a = new long[16];
    public long[] b = new long[16];
    /**
     * Whether segment i is <em>uniform</em>: every input side it maps to holds one metadata over
     * the whole input range below it, so the segment's result ranks all take the metadata at
     * {@code a[i]} and {@code b[i]} (the input ranges may be longer than {@code len[i]}).
     */
    public boolean[] uniform = new boolean[16];
    public int size;

    private Meta ma;
    private Meta mb;
    private boolean subsetOfA;
    private boolean subsetOfB;

    private final Ranks rt;
    private final Ranks ra;
    private final Ranks rb;
    private final boolean countsImplyEqual;

    /**
     * @param countsImplyEqual true when every result subtree is a superset of both inputs' (union)
     *     or a subset of both (intersection): equal counts then mean equal subtrees
     */
    private Align(Ranks rt, Ranks ra, Ranks rb, boolean countsImplyEqual) {
        this.rt = rt;
        this.ra = ra;
        this.rb = rb;
        this.countsImplyEqual = countsImplyEqual;
    }

    /**
     * Aligns result {@code rt} with inputs {@code ra} and {@code rb} (either may be null): every
     * identifier of the result must be in one of them, and each identifier of the result in an
     * input maps to its rank there.
     */
    public static Align of(Ranks rt, Ranks ra, Ranks rb, boolean countsImplyEqual) {
        return of(rt, ra, rb, countsImplyEqual, null, null, false, false);
    }

    /**
     * {@link #of(Ranks, Ranks, Ranks, boolean)} for merging metadata {@code ma} of input a and
     * {@code mb} of input b: a result subtree stops the walk early when the metadata over its
     * input ranges is uniform (one set per key, or none) and each of its identifiers is known to
     * be in the inputs that hold some — {@code subsetOfA}: every result identifier is in a
     * (select, minus, intersect); {@code subsetOfB} likewise. Provenance metadata then costs a few
     * segments however large the qube.
     */
    public static Align of(Ranks rt, Ranks ra, Ranks rb, boolean countsImplyEqual, Meta ma, Meta mb, boolean subsetOfA, boolean subsetOfB) {
        Align al = new Align(rt, ra, rb, countsImplyEqual);
        al.ma = ma;
        al.mb = mb;
        al.subsetOfA = subsetOfA;
        al.subsetOfB = subsetOfB;
        al.walk(rt.root(), ra == null ? 0 : ra.root(), rb == null ? 0 : rb.root(), 0, 0, 0);
        return al;
    }

    /** The alignment of a qube of {@code count} identifiers with itself, on both sides: to merge two metadata of one qube. */
    public static Align identity(long count) {
        Align al = new Align(null, null, null, false);
        if (count > 0) {
            al.emit(0, count, 0, 0);
        }
        return al;
    }

    /** Whether metadata {@code m} is one set per key (or none) over ranks {@code [from, from + n)}; 1: uniform and absent in every key. */
    private static int uniformOver(Meta m, long from, long n) {
        boolean absent = true;
        for (int k = 0; k < m.size(); k++) {
            Meta.Column c = m.column(k);
            int r = c.runOf(from);
            if (r < c.runs() && c.ends()[r] < from + n) {
                return -1;
            }
            absent &= r >= c.runs() || c.ids()[r] < 0;
        }
        return absent ? 1 : 0;
    }

    private void emitUniform(long tPos, long n, long aPos, long bPos) {
        if (size == t.length) {
            grow();
        }
        t[size] = tPos;
        len[size] = n;
        a[size] = aPos;
        b[size] = bPos;
        uniform[size] = true;
        size++;
    }

    private void grow() {
        int m = size * 2;
        t = Arrays.copyOf(t, m);
        len = Arrays.copyOf(len, m);
        a = Arrays.copyOf(a, m);
        b = Arrays.copyOf(b, m);
        uniform = Arrays.copyOf(uniform, m);
    }

    private void emit(long tPos, long n, long aPos, long bPos) {
        if (size > 0 && !uniform[size - 1]) {
            int p = size - 1;
            if (t[p] + len[p] == tPos && (a[p] < 0 ? aPos < 0 : a[p] + len[p] == aPos) && (b[p] < 0 ? bPos < 0 : b[p] + len[p] == bPos)) {
                len[p] += n;
                return;
            }
        }
        if (size == t.length) {
            grow();
        }
        t[size] = tPos;
        len[size] = n;
        a[size] = aPos;
        b[size] = bPos;
        size++;
    }

    private void walk(int tn, int an, int bn, long tBase, long aBase, long bBase) {
        Ranks.Steps ts = rt.steps(tn);
        Ranks.Steps as = an != 0 ? ra.steps(an) : null;
        Ranks.Steps bs = bn != 0 ? rb.steps(bn) : null;
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < ts.size(); i++) {
            String k = ts.keys[i];
            String v = ts.values[i];
            int am = -1;
            if (as != null) {
                while (ia < as.size() && Ranks.compare(as.keys[ia], as.values[ia], k, v) < 0) {
                    ia++;
                }
                if (ia < as.size() && Ranks.compare(as.keys[ia], as.values[ia], k, v) == 0) {
                    am = ia;
                }
            }
            int bm = -1;
            if (bs != null) {
                while (ib < bs.size() && Ranks.compare(bs.keys[ib], bs.values[ib], k, v) < 0) {
                    ib++;
                }
                if (ib < bs.size() && Ranks.compare(bs.keys[ib], bs.values[ib], k, v) == 0) {
                    bm = ib;
                }
            }
            long tPos = tBase + ts.before[i];
            long tSub = ts.sub(i);
            long aPos = am >= 0 ? aBase + as.before[am] : -1;
            long bPos = bm >= 0 ? bBase + bs.before[bm] : -1;
            if (am < 0 && bm < 0) {
                throw new IllegalStateException("an identifier of the result is in neither input");
            }
            if (ma != null) {
                // a side holding no metadata here contributes nothing; one holding one set throughout
                // gives it to each result identifier that is in that side
                int ua = am < 0 ? 1 : uniformOver(ma, aPos, as.sub(am));
                int ub = bm < 0 ? 1 : uniformOver(mb, bPos, bs.sub(bm));
                boolean okA = ua == 1 || ua == 0 && (subsetOfA || tSub == as.sub(am) && (bm < 0 || countsImplyEqual && tSub == bs.sub(bm)));
                boolean okB = ub == 1 || ub == 0 && (subsetOfB || tSub == bs.sub(bm) && (am < 0 || countsImplyEqual && tSub == as.sub(am)));
                if (okA && okB) {
                    emitUniform(tPos, tSub, ua == 1 ? -1 : aPos, ub == 1 ? -1 : bPos);
                    continue;
                }
            }
            if (bm < 0 && tSub == as.sub(am)) {
                emit(tPos, tSub, aPos, -1);
                continue;
            }
            if (am < 0 && tSub == bs.sub(bm)) {
                emit(tPos, tSub, -1, bPos);
                continue;
            }
            if (am >= 0 && bm >= 0 && countsImplyEqual && tSub == as.sub(am) && tSub == bs.sub(bm)) {
                emit(tPos, tSub, aPos, bPos);
                continue;
            }
            int tc = ts.nodes[i];
            int ac = am >= 0 ? as.nodes[am] : 0;
            int bc = bm >= 0 ? bs.nodes[bm] : 0;
            Store st = rt.store();
            boolean tTerm = st.terminal(tc);
            boolean aTerm = ac != 0 && ra.store().terminal(ac);
            boolean bTerm = bc != 0 && rb.store().terminal(bc);
            if (tTerm) {
                emit(tPos, 1, aTerm ? aPos : -1, bTerm ? bPos : -1);
            }
            walk(tc, ac, bc, tPos + (tTerm ? 1 : 0), aPos + (aTerm ? 1 : 0), bPos + (bTerm ? 1 : 0));
        }
    }
}
