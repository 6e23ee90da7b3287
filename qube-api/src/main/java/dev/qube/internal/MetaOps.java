package dev.qube.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Operations on metadata columns: merging along an {@link Align}ment, repeating, overlaying, filtering by ranks. */
public final class MetaOps {
    private MetaOps() {
    }

    /**
     * The metadata of a result aligned with its inputs: for each result identifier, per key, the
     * union of what input {@code a} holds at its rank there and what input {@code b} holds at its
     * rank there (the rule of every operation).
     */
    public static Meta merge(Align al, Meta ma, Meta mb) {
        TreeSet<String> keys = new TreeSet<>(dev.qube.ValueOrder::compareCodePoints);
        keys.addAll(ma.keys());
        keys.addAll(mb.keys());
        List<Meta.Column> out = new ArrayList<>();
        for (String key : keys) {
            out.add(mergeColumn(key, al, ma.column(key), mb.column(key)));
        }
        return MetaWriter.meta(out);
    }

    /** A cursor over one column's runs, from a rank on. */
    private static final class Runs {
        final Meta.Column c;
        int run;
        long left; // ranks left in the current run

        Runs(Meta.Column c) {
            this.c = c;
        }

        void seek(long rank) {
            run = c.runOf(rank);
            left = run < c.runs() ? c.ends()[run] - rank : Long.MAX_VALUE;
        }

        int id() {
            return run < c.runs() ? c.ids()[run] : -1;
        }

        void skip(long n) {
            left -= n;
            if (left == 0) {
                run++;
                left = run < c.runs() ? c.ends()[run] - c.ends()[run - 1] : Long.MAX_VALUE;
            }
        }
    }

    private static Meta.Column mergeColumn(String key, Align al, Meta.Column ca, Meta.Column cb) {
        MetaWriter w = new MetaWriter(key);
        Runs ra = ca == null ? null : new Runs(ca);
        Runs rb = cb == null ? null : new Runs(cb);
        Map<Long, List<String>> unions = new HashMap<>();
        for (int s = 0; s < al.size; s++) {
            long t = al.t[s];
            if (w.position() < t) {
                w.append(t - w.position(), null);
            }
            boolean useA = ra != null && al.a[s] >= 0;
            boolean useB = rb != null && al.b[s] >= 0;
            if (!useA && !useB) {
                w.append(al.len[s], null);
                continue;
            }
            if (al.uniform[s]) {
                List<String> sa = useA ? ca.at(al.a[s]) : null;
                List<String> sb = useB ? cb.at(al.b[s]) : null;
                w.append(al.len[s], sa == null ? sb : sb == null ? sa : union(sa, sb));
                continue;
            }
            if (useA) {
                ra.seek(al.a[s]);
            }
            if (useB) {
                rb.seek(al.b[s]);
            }
            long done = 0;
            long n = al.len[s];
            while (done < n) {
                long step = n - done;
                int ia = -1;
                int ib = -1;
                if (useA) {
                    step = Math.min(step, ra.left);
                    ia = ra.id();
                }
                if (useB) {
                    step = Math.min(step, rb.left);
                    ib = rb.id();
                }
                List<String> set;
                if (ia < 0) {
                    set = ib < 0 ? null : cb.dict()[ib];
                } else if (ib < 0) {
                    set = ca.dict()[ia];
                } else {
                    int fa = ia;
                    int fb = ib;
                    set = unions.computeIfAbsent(((long) ia << 32) | ib, x -> union(ca.dict()[fa], cb.dict()[fb]));
                }
                w.append(step, set);
                if (useA) {
                    ra.skip(step);
                }
                if (useB) {
                    rb.skip(step);
                }
                done += step;
            }
        }
        return w.finish();
    }

    /** The union of two canonical sets, canonical. */
    public static List<String> union(List<String> x, List<String> y) {
        if (x.equals(y)) {
            return x;
        }
        List<String> out = new ArrayList<>(x.size() + y.size());
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            int c = i == x.size() ? 1 : j == y.size() ? -1 : dev.qube.ValueOrder.INSTANCE.compare(x.get(i), y.get(j));
            if (c <= 0) {
                out.add(x.get(i++));
                if (c == 0) {
                    j++;
                }
            } else {
                out.add(y.get(j++));
            }
        }
        return out;
    }

    /** The metadata of a qube repeated {@code times} times over consecutive blocks of {@code count} ranks (expand). */
    public static Meta repeat(Meta m, long count, int times) {
        List<Meta.Column> out = new ArrayList<>();
        for (int k = 0; k < m.size(); k++) {
            Meta.Column c = m.column(k);
            MetaWriter w = new MetaWriter(c.key());
            for (int r = 0; r < times; r++) {
                long base = Math.multiplyExact(count, (long) r);
                for (int i = 0; i < c.runs(); i++) {
                    w.append(c.ends()[i] - c.start(i), c.ids()[i] < 0 ? null : c.dict()[c.ids()[i]]);
                }
                long end = Math.addExact(base, count);
                if (w.position() < end) {
                    w.append(end - w.position(), null);
                }
            }
            out.add(w.finish());
        }
        return MetaWriter.meta(out);
    }

    /**
     * Sets {@code key} to {@code set} (null: removes it) on the ranks of the given sorted, disjoint
     * ranges, keeping it elsewhere.
     */
    public static Meta overlay(Meta m, String key, List<String> set, long[] starts, long[] lens, int n) {
        Meta.Column old = m.column(key);
        MetaWriter w = new MetaWriter(key);
        Runs r = old == null ? null : new Runs(old);
        long at = 0;
        for (int i = 0; i <= n; i++) {
            long until = i < n ? starts[i] : Long.MAX_VALUE;
            // the old column between ranges
            if (r != null && at < until) {
                r.seek(at);
                while (at < until && r.run < old.runs()) {
                    long step = Math.min(until - at, r.left);
                    int id = r.id();
                    w.append(step, id < 0 ? null : old.dict()[id]);
                    r.skip(step);
                    at += step;
                }
            }
            if (i < n) {
                if (w.position() < starts[i]) {
                    w.append(starts[i] - w.position(), null);
                }
                w.append(lens[i], set);
                at = starts[i] + lens[i];
            }
        }
        return m.with(key, w.finish());
    }

    /** Sorted, disjoint rank ranges. */
    public static final class Ranges {
        public long[] start = new long[16];
        public long[] len = new long[16];
        public int size;

        public void add(long s, long n) {
            if (n <= 0) {
                return;
            }
            if (size > 0 && start[size - 1] + len[size - 1] == s) {
                len[size - 1] += n;
                return;
            }
            if (size == start.length) {
                start = java.util.Arrays.copyOf(start, size * 2);
                len = java.util.Arrays.copyOf(len, size * 2);
            }
            start[size] = s;
            len[size] = n;
            size++;
        }
    }

    /** The ranks whose set of column {@code c} satisfies {@code test}. */
    public static Ranges where(Meta.Column c, java.util.function.Predicate<List<String>> test) {
        Ranges out = new Ranges();
        if (c == null) {
            return out;
        }
        boolean[] ok = new boolean[c.dict().length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = test.test(c.dict()[i]);
        }
        for (int i = 0; i < c.runs(); i++) {
            if (c.ids()[i] >= 0 && ok[c.ids()[i]]) {
                out.add(c.start(i), c.ends()[i] - c.start(i));
            }
        }
        return out;
    }

    /** The ranks where column {@code c} holds nothing, below {@code count}. */
    public static Ranges absent(Meta.Column c, long count) {
        Ranges out = new Ranges();
        long at = 0;
        if (c != null) {
            for (int i = 0; i < c.runs(); i++) {
                if (c.ids()[i] < 0) {
                    out.add(c.start(i), c.ends()[i] - c.start(i));
                }
                at = c.ends()[i];
            }
        }
        out.add(at, count - at);
        return out;
    }

    /**
     * The canonical qube of the identifiers of {@code src} whose ranks are in {@code ranges},
     * written into {@code t}; returns its root. Whole subtrees inside a range are copied.
     */
    public static int filter(Ranks src, Ranges ranges, Store t) {
        return new Filter(src, ranges, t).root();
    }

    private static final class Filter {
        final Ranks src;
        final Ranges ranges;
        final Store t;
        final Copier copy;

        Filter(Ranks src, Ranges ranges, Store t) {
            this.src = src;
            this.ranges = ranges;
            this.t = t;
            this.copy = new Copier(src.store(), t);
        }

        int root() {
            int[] children = children(src.root(), 0);
            return t.writeRoot(children, children.length);
        }

        /** 1: [from, from+n) inside a range; 0: disjoint from all; -1: partly. */
        private int cover(long from, long n) {
            int i = java.util.Arrays.binarySearch(ranges.start, 0, ranges.size, from);
            int r = i >= 0 ? i : -i - 2; // the range starting at or before from
            if (r >= 0 && ranges.start[r] + ranges.len[r] >= from + n) {
                return 1;
            }
            boolean touches = r >= 0 && ranges.start[r] + ranges.len[r] > from
                    || r + 1 < ranges.size && ranges.start[r + 1] < from + n;
            return touches ? -1 : 0;
        }

        private int[] children(int node, long base) {
            Store s = src.store();
            Ranks.Steps st = src.steps(node);
            Siblings out = new Siblings(t);
            Map<Integer, List<String>> whole = new java.util.LinkedHashMap<>();
            for (int i = 0; i < st.size(); i++) {
                long pos = base + st.before[i];
                long sub = st.sub(i);
                int c = st.nodes[i];
                int cov = cover(pos, sub);
                if (cov == 0) {
                    continue;
                }
                int key = t.localKey(s.keyGlobal(s.key(c)));
                if (cov == 1) {
                    whole.computeIfAbsent(c, x -> new ArrayList<>()).add(st.values[i]);
                    continue;
                }
                boolean term = s.terminal(c) && cover(pos, 1) == 1;
                int[] below = children(c, pos + (s.terminal(c) ? 1 : 0));
                out.add(key, List.of(st.values[i]), new Body(term, below));
            }
            for (Map.Entry<Integer, List<String>> e : whole.entrySet()) {
                int c = e.getKey();
                int key = t.localKey(s.keyGlobal(s.key(c)));
                Body b = copy.body(c);
                if (e.getValue().size() == s.valueCount(s.valueSet(c))) {
                    out.add(key, s, s.valueSet(c), b);
                } else {
                    List<String> vals = new ArrayList<>(e.getValue());
                    CanonicalSort.sort(vals);
                    out.add(key, vals, b);
                }
            }
            return out.finish();
        }
    }

    /**
     * Carries metadata {@code m} of a qube onto the ranks of a larger qube holding it: {@code al}
     * aligns the smaller ({@code t} ranks) with the larger ({@code a} ranks), which is monotone.
     */
    public static Meta transport(Align al, Meta m) {
        List<Meta.Column> out = new ArrayList<>();
        for (int k = 0; k < m.size(); k++) {
            Meta.Column c = m.column(k);
            MetaWriter w = new MetaWriter(c.key());
            Runs r = new Runs(c);
            for (int s = 0; s < al.size; s++) {
                if (w.position() < al.a[s]) {
                    w.append(al.a[s] - w.position(), null);
                }
                r.seek(al.t[s]);
                long done = 0;
                while (done < al.len[s]) {
                    long step = Math.min(al.len[s] - done, r.left);
                    int id = r.id();
                    w.append(step, id < 0 ? null : c.dict()[id]);
                    r.skip(step);
                    done += step;
                }
            }
            out.add(w.finish());
        }
        return MetaWriter.meta(out);
    }

    /** Two metadata of the same qube, unioned per identifier and key. */
    public static Meta unionSame(Meta x, Meta y, long count) {
        if (x.isEmpty()) {
            return y;
        }
        if (y.isEmpty()) {
            return x;
        }
        return merge(Align.identity(count), x, y);
    }

    /** Metadata of one set on every identifier of a qube of {@code count} identifiers. */
    public static Meta whole(java.util.Map<String, List<String>> md, long count) {
        List<Meta.Column> out = new ArrayList<>();
        for (java.util.Map.Entry<String, List<String>> e : md.entrySet()) {
            MetaWriter w = new MetaWriter(e.getKey());
            w.append(count, e.getValue());
            out.add(w.finish());
        }
        return MetaWriter.meta(out);
    }

    /**
     * Metadata from per-identifier entries: entry {@code i} gives rank {@code ranks[i]} the sets
     * {@code sets.get(ids[i])} (key → canonical texts); entries of one rank are unioned.
     */
    public static Meta fromEntries(long[] ranks, int[] ids, int n, List<java.util.Map<String, List<String>>> sets) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Long.compare(ranks[x], ranks[y]));
        TreeSet<String> keys = new TreeSet<>(dev.qube.ValueOrder::compareCodePoints);
        for (java.util.Map<String, List<String>> m : sets) {
            keys.addAll(m.keySet());
        }
        List<Meta.Column> out = new ArrayList<>();
        for (String key : keys) {
            MetaWriter w = new MetaWriter(key);
            int i = 0;
            while (i < n) {
                long rank = ranks[order[i]];
                List<String> set = null;
                for (; i < n && ranks[order[i]] == rank; i++) {
                    List<String> s = sets.get(ids[order[i]]).get(key);
                    if (s != null) {
                        set = set == null ? s : union(set, s);
                    }
                }
                if (set != null) {
                    w.append(rank - w.position(), null);
                    w.append(1, set);
                }
            }
            out.add(w.finish());
        }
        return MetaWriter.meta(out);
    }

    /**
     * The metadata after {@code drop}: each identifier of the source maps to the identifier left
     * when the keys are dropped (identifiers left empty vanish); identifiers that merge union theirs.
     * Walks the source's identifiers once (O(identifiers × depth)).
     */
    public static Meta dropped(Ranks src, Meta m, Ranks rt, java.util.Set<String> dropped) {
        long[][] pairs = {new long[1024], new long[1024]}; // target rank, source rank
        int[] n = {0};
        long[] srcRank = {0};
        String[] k2 = new String[64];
        String[] v2 = new String[64];
        Traversal.forEach(src.store(), src.root(), (keys, values, size) -> {
            String[] kk = size <= k2.length ? k2 : new String[size];
            String[] vv = size <= v2.length ? v2 : new String[size];
            int j = 0;
            for (int i = 0; i < size; i++) {
                if (!dropped.contains(keys[i])) {
                    kk[j] = keys[i];
                    vv[j] = values[i];
                    j++;
                }
            }
            if (j > 0) {
                long tr = rt.rankOf(kk, vv, j);
                if (tr < 0) {
                    throw new IllegalStateException("drop lost an identifier");
                }
                if (n[0] == pairs[0].length) {
                    pairs[0] = java.util.Arrays.copyOf(pairs[0], n[0] * 2);
                    pairs[1] = java.util.Arrays.copyOf(pairs[1], n[0] * 2);
                }
                pairs[0][n[0]] = tr;
                pairs[1][n[0]] = srcRank[0];
                n[0]++;
            }
            srcRank[0]++;
        });
        int count = n[0];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        long[] tr = pairs[0];
        long[] sr = pairs[1];
        java.util.Arrays.sort(order, (x, y) -> Long.compare(tr[x], tr[y]));
        List<Meta.Column> out = new ArrayList<>();
        for (int k = 0; k < m.size(); k++) {
            Meta.Column c = m.column(k);
            MetaWriter w = new MetaWriter(c.key());
            int i = 0;
            while (i < count) {
                long rank = tr[order[i]];
                List<String> set = null;
                for (; i < count && tr[order[i]] == rank; i++) {
                    List<String> s = c.at(sr[order[i]]);
                    if (s != null) {
                        set = set == null ? s : union(set, s);
                    }
                }
                if (set != null) {
                    w.append(rank - w.position(), null);
                    w.append(1, set);
                }
            }
            out.add(w.finish());
        }
        return MetaWriter.meta(out);
    }
}
