package dev.qube.server.facet;

import dev.qube.Qube;
import dev.qube.QubeNode;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unique nodes of one qube's DAG as int arrays, built once when a catalogue is loaded, so that
 * count, axes with counts and the "next choices" of a faceted browser are answered under any
 * selection without materialising the selected qube: one pass over the unique nodes per question
 * (children before parents), no allocation per identifier.
 *
 * <p>Semantics are exactly {@link Qube#select(Selection, SelectMode)}'s, per identifier: relaxed
 * (selected keys it has take selected values), prune (it has every selected key, each with a
 * selected value), strict (each of its keys is selected and takes a selected value). Immutable and
 * safe to share between threads.
 */
public final class FacetIndex {
    /** Keys by id; key ids are in order of first appearance depth-first. */
    final String[] keys;
    /** Per key id, its distinct values in canonical order. */
    final String[][] values;
    /** Per key id, the smallest depth at which it appears (1 = a child of the root). */
    final int[] keyDepth;
    /** Per node: key id (-1 for the root), value ids, child node ids, whether identifiers end there. */
    final int[] nodeKey;
    final int[][] nodeValues;
    final int[][] children;
    final boolean[] terminal;
    /** Nodes are numbered children first, so the root has the largest id. */
    final int root;
    private final Map<String, Integer> keyIds;
    private final List<Map<String, Integer>> valueIds;
    /** The indexed qube's nodes by their views, and the identifiers through each (all values; -1 past 2^63-1). */
    private final Map<QubeNode, Integer> nodeIds;
    private volatile long[] through;

    private FacetIndex(Builder b) {
        int n = b.nodeKey.size();
        this.keys = b.keyList.toArray(String[]::new);
        this.keyIds = Map.copyOf(b.keyIds);
        this.keyDepth = b.keyDepth.stream().mapToInt(Integer::intValue).toArray();
        // canonical order of each key's values; remap the per-node ids to it
        this.values = new String[keys.length][];
        int[][] remap = new int[keys.length][];
        List<Map<String, Integer>> ids = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            List<String> raw = b.valueLists.get(k);
            String[] sorted = raw.toArray(String[]::new);
            Arrays.sort(sorted, ValueOrder.INSTANCE);
            values[k] = sorted;
            Map<String, Integer> pos = HashMap.newHashMap(sorted.length);
            for (int i = 0; i < sorted.length; i++) {
                pos.put(sorted[i], i);
            }
            int[] r = new int[raw.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = pos.get(raw.get(i));
            }
            remap[k] = r;
            ids.add(Map.copyOf(pos));
        }
        this.valueIds = List.copyOf(ids);
        this.nodeKey = new int[n];
        this.nodeValues = new int[n][];
        this.children = new int[n][];
        this.terminal = new boolean[n];
        for (int i = 0; i < n; i++) {
            nodeKey[i] = b.nodeKey.get(i);
            children[i] = b.children.get(i);
            terminal[i] = b.terminal.get(i);
            int[] vs = b.nodeValues.get(i);
            if (nodeKey[i] >= 0) {
                int[] r = remap[nodeKey[i]];
                int[] m = new int[vs.length];
                for (int j = 0; j < vs.length; j++) {
                    m[j] = r[vs[j]];
                }
                Arrays.sort(m);
                vs = m;
            }
            nodeValues[i] = vs;
        }
        this.root = n - 1;
        this.nodeIds = Map.copyOf(b.seen);
    }

    /**
     * Identifiers of the indexed qube that pass through {@code node} (a view of that qube's
     * tree), counting all its values; -1 for a node of another qube or a count past 2^63-1.
     */
    public long identifiersThrough(QubeNode node) {
        Integer id = nodeIds.get(node);
        if (id == null) {
            return -1;
        }
        long[] t = through;
        if (t == null) {
            t = new long[nodeKey.length];
            for (int i = 0; i < t.length; i++) { // children first
                long below = terminal[i] ? 1 : 0;
                for (int c : children[i]) {
                    below = below < 0 || t[c] < 0 ? -1 : below + t[c];
                    if (below < 0) {
                        break;
                    }
                }
                long v = nodeKey[i] < 0 ? 1 : nodeValues[i].length;
                t[i] = below < 0 || (below > 0 && v > Long.MAX_VALUE / below) ? -1 : below * v;
            }
            through = t;
        }
        return t[id];
    }

    /** Indexes the unique nodes of {@code qube} (one walk, each stored subtree once). */
    public static FacetIndex of(Qube qube) {
        Builder b = new Builder();
        b.visit(qube.root(), 0);
        return new FacetIndex(b);
    }

    /** Number of unique nodes indexed, root included. */
    public int nodeCount() {
        return nodeKey.length;
    }

    /** The keys of the catalogue, ordered by the depth at which they first appear, then by text. */
    public List<String> keysByDepth() {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keyDepth[a] != keyDepth[b] ? Integer.compare(keyDepth[a], keyDepth[b]) : keys[a].compareTo(keys[b]));
        List<String> out = new ArrayList<>(order.length);
        for (Integer k : order) {
            out.add(keys[k]);
        }
        return out;
    }

    int keyId(String key) {
        Integer id = keyIds.get(key);
        return id == null ? -1 : id;
    }

    int valueId(int key, String value) {
        Integer id = valueIds.get(key).get(value);
        return id == null ? -1 : id;
    }

    /** Prepares {@code selection} in {@code mode} for questions on this index. */
    public Query query(Selection selection, SelectMode mode) {
        return new Query(this, selection, mode);
    }

    private static final class Builder {
        final List<String> keyList = new ArrayList<>();
        final Map<String, Integer> keyIds = new HashMap<>();
        final List<Integer> keyDepth = new ArrayList<>();
        final List<List<String>> valueLists = new ArrayList<>();
        final List<Map<String, Integer>> valueMaps = new ArrayList<>();
        final List<Integer> nodeKey = new ArrayList<>();
        final List<int[]> nodeValues = new ArrayList<>();
        final List<int[]> children = new ArrayList<>();
        final List<Boolean> terminal = new ArrayList<>();
        final Map<QubeNode, Integer> seen = new HashMap<>();

        int visit(QubeNode node, int depth) {
            Integer done = seen.get(node);
            int key = -1;
            if (!node.isRoot()) {
                key = keyIds.computeIfAbsent(node.key(), k -> {
                    keyList.add(k);
                    keyDepth.add(Integer.MAX_VALUE);
                    valueLists.add(new ArrayList<>());
                    valueMaps.add(new HashMap<>());
                    return keyList.size() - 1;
                });
                if (depth < keyDepth.get(key)) {
                    keyDepth.set(key, depth);
                }
            }
            if (done != null) {
                // a shared subtree: its ids exist; only the key depths below may be smaller here
                lowerDepths(node, depth);
                return done;
            }
            List<QubeNode> kids = node.children();
            int[] c = new int[kids.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = visit(kids.get(i), depth + 1);
            }
            int[] vs;
            if (key < 0) {
                vs = new int[0];
            } else {
                List<String> texts = node.values();
                vs = new int[texts.size()];
                List<String> list = valueLists.get(key);
                Map<String, Integer> map = valueMaps.get(key);
                for (int i = 0; i < vs.length; i++) {
                    vs[i] = map.computeIfAbsent(texts.get(i), t -> {
                        list.add(t);
                        return list.size() - 1;
                    });
                }
            }
            nodeKey.add(key);
            nodeValues.add(vs);
            children.add(c);
            terminal.add(node.endsIdentifier());
            int id = nodeKey.size() - 1;
            seen.put(node, id);
            return id;
        }

        private void lowerDepths(QubeNode node, int depth) {
            // only walk again when this visit is shallower than any before for the node's key
            if (node.isRoot()) {
                return;
            }
            int key = keyIds.get(node.key());
            if (depth > keyDepth.get(key)) {
                return;
            }
            for (QubeNode c : node.children()) {
                int k = keyIds.get(c.key());
                if (depth + 1 < keyDepth.get(k)) {
                    keyDepth.set(k, depth + 1);
                    lowerDepths(c, depth + 1);
                }
            }
        }
    }
}
