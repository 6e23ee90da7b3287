package dev.qube.server.facet;

import dev.qube.SelectMode;
import dev.qube.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One selection in one mode, prepared against a {@link FacetIndex}: which value ids of each
 * selected key are accepted. Answers count, per-value counts and the next choices with one pass
 * over the unique nodes each (a faceted answer takes one more pass per selected key).
 *
 * <p>Counts are {@code long}; a count beyond {@link Long#MAX_VALUE} throws
 * {@link ArithmeticException} (callers fall back to the engine's exact count).
 */
public final class Query {
    private final FacetIndex ix;
    private final SelectMode mode;
    /** Per key id: accepted value ids, or null when the key is not selected. */
    private final boolean[][] accepted;
    /** Per key id: its bit among the selected keys (prune mode), or -1. */
    private final int[] bit;
    /** Bits of all selected keys; a selected key the catalogue lacks makes prune select nothing. */
    private final long allBits;
    private final boolean impossible;
    private final List<String> selectedKeys;

    Query(FacetIndex ix, Selection selection, SelectMode mode) {
        this(ix, selection, mode, null);
    }

    private Query(FacetIndex ix, Selection selection, SelectMode mode, String without) {
        this.ix = ix;
        this.mode = mode;
        this.accepted = new boolean[ix.keys.length][];
        this.bit = new int[ix.keys.length];
        Arrays.fill(bit, -1);
        List<String> sel = new ArrayList<>();
        long bits = 0;
        boolean missing = false;
        int next = 0;
        for (String key : selection.keys()) {
            if (key.equals(without)) {
                continue;
            }
            sel.add(key);
            int k = ix.keyId(key);
            if (k < 0) {
                missing = true;
                continue;
            }
            String[] vs = ix.values[k];
            boolean[] acc = new boolean[vs.length];
            for (int i = 0; i < vs.length; i++) {
                acc[i] = selection.accepts(key, vs[i]);
            }
            accepted[k] = acc;
            if (next < 63) {
                bit[k] = next;
                bits |= 1L << next;
                next++;
            }
        }
        if (next >= 63) {
            throw new IllegalArgumentException("a selection may name at most 62 keys");
        }
        this.allBits = bits;
        this.impossible = missing && mode == SelectMode.PRUNE;
        this.selectedKeys = List.copyOf(sel);
        this.selection = selection;
        this.fv = new int[ix.nodeKey.length];
        Arrays.fill(fv, -1);
    }

    private final Selection selection;
    /** Per node: accepted values, -1 until first asked (races only recompute the same number). */
    private final int[] fv;

    /** Number of identifiers the selection keeps. */
    public long count() {
        if (impossible) {
            return 0;
        }
        return new Pass().count(ix.root, 0);
    }

    /**
     * Every key of the selected identifiers with each of its values and the number of selected
     * identifiers having it; keys in {@link FacetIndex#keysByDepth()} order, values canonical,
     * values with no identifier left out.
     */
    public Map<String, Map<String, Long>> axes() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        if (impossible) {
            return out;
        }
        Pass p = new Pass();
        p.down();
        for (String key : ix.keysByDepth()) {
            int k = ix.keyId(key);
            Map<String, Long> m = p.valuesOf(k);
            if (!m.isEmpty()) {
                out.put(key, m);
            }
        }
        return out;
    }

    /**
     * The answer of a faceted browser: the count; for each key the values still possible with
     * their counts, where a selected key's own values are counted under the rest of the selection
     * (so other choices for it stay visible); and the keys that come next.
     */
    public Facets facets() {
        Map<String, Map<String, Long>> perKey = new LinkedHashMap<>();
        List<String> next = new ArrayList<>();
        long count = 0;
        if (!impossible) {
            Pass p = new Pass();
            count = p.count(ix.root, 0);
            p.down();
            for (int k = 0; k < ix.keys.length; k++) {
                if (p.frontier[k]) {
                    next.add(ix.keys[k]);
                }
            }
            next.sort((a, b) -> Integer.compare(ix.keyDepth[ix.keyId(a)], ix.keyDepth[ix.keyId(b)]));
            for (String key : ix.keysByDepth()) {
                int k = ix.keyId(key);
                if (accepted[k] == null) {
                    Map<String, Long> m = p.valuesOf(k);
                    if (!m.isEmpty()) {
                        perKey.put(key, m);
                    }
                }
            }
        }
        Map<String, Map<String, Long>> selected = new LinkedHashMap<>();
        for (String key : selectedKeys) {
            int k = ix.keyId(key);
            if (k < 0) {
                selected.put(key, Map.of());
                continue;
            }
            Query rest = new Query(ix, selection, mode, key);
            Map<String, Long> m = Map.of();
            if (!rest.impossible) {
                Pass p = rest.new Pass();
                p.count(ix.root, 0);
                p.down();
                m = p.valuesOf(k);
            }
            selected.put(key, m);
        }
        return new Facets(count, selected, perKey, next);
    }

    /** The answer of {@link #facets()}. */
    public record Facets(long count, Map<String, Map<String, Long>> selected,
                         Map<String, Map<String, Long>> others, List<String> next) {
    }

    /** Values of {@code node} the selection accepts (0 when strict and its key is not selected). */
    private int acceptedCount(int node) {
        int c = fv[node];
        if (c < 0) {
            int k = ix.nodeKey[node];
            boolean[] acc = accepted[k];
            int[] vs = ix.nodeValues[node];
            if (acc == null) {
                c = mode == SelectMode.STRICT ? 0 : vs.length;
            } else {
                c = 0;
                for (int v : vs) {
                    if (acc[v]) {
                        c++;
                    }
                }
            }
            fv[node] = c;
        }
        return c;
    }

    private long after(long state, int node) {
        if (mode != SelectMode.PRUNE) {
            return 0;
        }
        int k = ix.nodeKey[node];
        return k >= 0 && bit[k] >= 0 ? state | (1L << bit[k]) : state;
    }

    private boolean endsOk(long state) {
        return mode != SelectMode.PRUNE || state == allBits;
    }

    /**
     * Most memo cells (one per node and state) one question may allocate: prune mode keeps a table
     * per set of selected keys seen above a node, and a hostile selection over a catalogue whose
     * branches order keys differently could ask for many. About 32 MB.
     */
    static final long MAX_CELLS = 4_000_000;

    private long cellLimit = MAX_CELLS;

    /** For tests: a smaller limit of memo cells. */
    Query withCellLimit(long cells) {
        this.cellLimit = cells;
        return this;
    }

    /** A question that would need more than {@link #MAX_CELLS} memo cells. */
    public static final class TooMuchWork extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooMuchWork(long limit) {
            super("this selection needs more than " + limit + " memo cells in prune mode (a key order that differs by branch); "
                    + "use fewer keys or mode=relaxed", null, false, false);
        }
    }

    /** Memo of one question: counts below each (node, state), then prefix multiplicities. */
    private final class Pass {
        private long cells;

        private long[] allocate() {
            cells += ix.nodeKey.length;
            if (cells > cellLimit) {
                throw new TooMuchWork(cellLimit);
            }
            return new long[ix.nodeKey.length];
        }

        /** Per state (prune: the bits of selected keys seen above the node; else 0): count per node, -1 unknown. */
        private final Map<Long, long[]> counts = new HashMap<>();
        /** Prefix multiplicities per state, in the order the states were first reached. */
        private final List<long[]> prefix = new ArrayList<>();
        private final List<Long> prefixStates = new ArrayList<>();
        /** Per key id, per value id: identifiers having it. */
        private long[][] valueCounts;
        private boolean[] frontier;

        /** The count table of state 0, the only state outside prune mode. */
        private long[] counts0;

        private long[] countTable(long state) {
            if (state == 0) {
                long[] a = counts0;
                if (a == null) {
                    a = counts0 = allocate();
                    Arrays.fill(a, -1);
                }
                return a;
            }
            return table(counts, state, -1);
        }

        private long[] table(Map<Long, long[]> m, long state, long fill) {
            return m.computeIfAbsent(state, s -> {
                long[] a = allocate();
                if (fill != 0) {
                    Arrays.fill(a, fill);
                }
                return a;
            });
        }

        private long[] prefixTable(long state) {
            int i = prefixStates.indexOf(state);
            if (i >= 0) {
                return prefix.get(i);
            }
            long[] a = allocate();
            prefix.add(a);
            prefixStates.add(state);
            return a;
        }

        /** Identifiers through {@code node} (its values counted), arriving in {@code state}. */
        long count(int node, long state) {
            long[] memo = countTable(state);
            long c = memo[node];
            if (c >= 0) {
                return c;
            }
            long below = below(node, after(state, node));
            c = node == ix.root ? below : Math.multiplyExact(below, acceptedCount(node));
            memo[node] = c;
            return c;
        }

        /** Identifiers that end at or below {@code node}, per value of it, in state {@code s} (node's key included). */
        long below(int node, long s) {
            if (node != ix.root && acceptedCount(node) == 0) {
                return 0;
            }
            long b = ix.terminal[node] && endsOk(s) ? 1 : 0;
            for (int c : ix.children[node]) {
                b = Math.addExact(b, count(c, s));
            }
            return b;
        }

        /** Top-down: prefix multiplicities, per-value counts and the frontier keys. */
        void down() {
            valueCounts = new long[ix.keys.length][];
            for (int k = 0; k < ix.keys.length; k++) {
                valueCounts[k] = new long[ix.values[k].length];
            }
            frontier = new boolean[ix.keys.length];
            // open[n]: n is reached by a live path on which every key above it is selected
            boolean[] open = new boolean[ix.nodeKey.length];
            open[ix.root] = true;
            prefixTable(0)[ix.root] = 1;
            if (count(ix.root, 0) == 0) {
                return;
            }
            for (int n = ix.root; n >= 0; n--) {
                // states first reached while visiting n only hold counts of n's children
                for (int i = 0; i < prefix.size(); i++) {
                    long p = prefix.get(i)[n];
                    if (p != 0) {
                        visit(n, prefixStates.get(i), p, open);
                    }
                }
            }
        }

        private void visit(int n, long state, long p, boolean[] open) {
            int k = ix.nodeKey[n];
            long s2 = after(state, n);
            long b;
            int fv;
            if (n == ix.root) {
                fv = 1;
            } else {
                fv = acceptedCount(n);
                if (fv == 0) {
                    return;
                }
                b = below(n, s2);
                if (b == 0) {
                    return;
                }
                long each = Math.multiplyExact(p, b);
                boolean[] acc = accepted[k];
                long[] vc = valueCounts[k];
                for (int v : ix.nodeValues[n]) {
                    if (acc == null || acc[v]) {
                        vc[v] = Math.addExact(vc[v], each);
                    }
                }
                if (open[n] && acc == null) {
                    frontier[k] = true;
                }
            }
            boolean passOpen = open[n] && (n == ix.root || accepted[k] != null);
            long[] next = null;
            for (int c : ix.children[n]) {
                if (count(c, s2) == 0) {
                    continue;
                }
                if (next == null) {
                    next = prefixTable(s2);
                }
                next[c] = Math.addExact(next[c], Math.multiplyExact(p, fv));
                if (passOpen) {
                    open[c] = true;
                }
            }
        }

        Map<String, Long> valuesOf(int k) {
            Map<String, Long> m = new LinkedHashMap<>();
            long[] vc = valueCounts[k];
            for (int v = 0; v < vc.length; v++) {
                if (vc[v] > 0) {
                    m.put(ix.values[k][v], vc[v]);
                }
            }
            return m;
        }
    }
}
