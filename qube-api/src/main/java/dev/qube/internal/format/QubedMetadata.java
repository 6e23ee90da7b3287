package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Metadata;
import dev.qube.Qube;
import dev.qube.QubeFormatException;
import dev.qube.internal.Access;
import dev.qube.internal.Deep;
import dev.qube.internal.Meta;
import dev.qube.internal.MetaOps;
import dev.qube.internal.MetaWriter;
import dev.qube.internal.Ranks;
import dev.qube.internal.Store;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Metadata in qubed's JSON shapes (tree-json and arena-json), read and written; see
 * {@code docs/METADATA.md}. A node's {@code metadata} member maps a metadata key to one of
 * <ul>
 * <li>{@code {"strings": [...]}} or {@code {"ints": [...]}}: one non-empty set of texts held by
 * every identifier below the node (all its values);
 * <li>{@code {"per_coord_strings": [[...], ...]}}: one set per value of the node, in the order the
 * node's values are written; the set of value i is held by the identifiers below that value; an
 * empty set means none.
 * </ul>
 * As in qubed, the deepest node on an identifier's path that names a key decides that key for it
 * (a node deeper down overrides its ancestors for the identifiers below it); an identifier reached
 * through several JSON nodes (siblings that readers unite) holds the union of what each path gives
 * it, as everywhere in this library.
 *
 * <p>Reading resolves these into the qube's columns without an object per identifier: each node
 * naming a key is a <em>region</em> (its subtree less the subtrees of deeper nodes naming the
 * key), whose identifiers are found as rank ranges of the built qube by walking the region and the
 * qube's steps together; a JSON subtree that provably holds every identifier below its step is one
 * range without walking further. Writing places each key as
 * high in the tree as it is uniform: a node whose identifiers below each value hold one set gets
 * {@code strings}/{@code ints} (one set for all values) or {@code per_coord_strings}; where a key
 * still varies below a value, the node is written once per value (siblings, which readers unite)
 * so each value's subtree can carry its own metadata.
 */
final class QubedMetadata {

    private QubedMetadata() {
    }

    /**
     * One key's metadata on one JSON node: {@code set} for every identifier below it, or
     * {@code perValue} (one set per value of the node; an empty set means none).
     */
    record Entry(List<String> set, List<List<String>> perValue, JsonLocation at) {
    }

    // ================================================================== reading one member

    /**
     * Reads the value of one node's {@code metadata} member; the parser is at its first token and is
     * left at its last. Null or an empty object is no metadata (null is returned); a key whose value
     * is null is no metadata for that key (qubed's empty value).
     *
     * @throws QubeFormatException at the offending token for anything else than qubed's shapes
     */
    static Map<String, Entry> read(JsonParser p, String source) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw Json.error(p, source, "expected \"metadata\" to be an object, found " + Json.describe(t));
        }
        Map<String, Entry> out = null;
        Set<String> seen = new HashSet<>();
        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
            String key = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            if (!seen.add(key)) {
                throw Json.error(p, source, "metadata key '" + abbreviate(key) + "' appears twice in one node");
            }
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                continue;
            }
            Entry e = entry(p, source, key, at);
            if (out == null) {
                out = new LinkedHashMap<>();
            }
            out.put(key, e);
        }
        return out;
    }

    private static Entry entry(JsonParser p, String source, String key, JsonLocation at) throws IOException {
        String what = "metadata '" + abbreviate(key) + "'";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Json.error(p, source, what + ": expected {\"strings\": [...]}, {\"ints\": [...]} or {\"per_coord_strings\": [[...], ...]}, found "
                    + Json.describe(p.currentToken()));
        }
        JsonLocation start = p.currentTokenLocation();
        Entry e = null;
        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
            String kind = p.currentName();
            if (e != null) {
                throw Json.error(p, source, what + ": a second member '" + abbreviate(kind)
                        + "' (one of \"strings\", \"ints\" or \"per_coord_strings\" is expected)");
            }
            JsonToken v = p.nextToken();
            switch (kind) {
                case "strings", "ints" -> {
                    boolean ints = kind.equals("ints");
                    List<String> texts = new ArrayList<>();
                    texts(p, source, what + " \"" + kind + "\"", ints, texts);
                    if (texts.isEmpty()) {
                        throw Json.error(p, source, what + ": \"" + kind + "\" is empty (a metadata set holds at least one text; leave the key out instead)");
                    }
                    e = new Entry(canonical(p, source, key, texts), null, at);
                }
                case "per_coord_strings" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw Json.error(p, source, what + ": expected \"per_coord_strings\" to be an array of arrays of strings, found "
                                + Json.describe(v));
                    }
                    List<List<String>> sets = new ArrayList<>();
                    for (JsonToken s = p.nextToken(); s != JsonToken.END_ARRAY; s = p.nextToken()) {
                        if (s != JsonToken.START_ARRAY) {
                            throw Json.error(p, source, what + ": expected each entry of \"per_coord_strings\" to be an array of strings, found "
                                    + Json.describe(s));
                        }
                        List<String> texts = new ArrayList<>();
                        texts(p, source, what + " \"per_coord_strings\"", false, texts);
                        sets.add(texts.isEmpty() ? List.of() : canonical(p, source, key, texts));
                    }
                    e = new Entry(null, sets, at);
                }
                default -> throw Json.error(p, source, what + ": unknown member '" + abbreviate(kind)
                        + "' (expected \"strings\", \"ints\" or \"per_coord_strings\")");
            }
        }
        if (e == null) {
            throw Json.error(start, source, what + ": empty object (expected {\"strings\": [...]}, {\"ints\": [...]} or {\"per_coord_strings\": [[...], ...]})");
        }
        return e;
    }

    /** The elements of an array (the parser at its START_ARRAY): strings, or integers as their canonical text. */
    private static void texts(JsonParser p, String source, String what, boolean ints, List<String> out) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw Json.error(p, source, what + ": expected an array, found " + Json.describe(p.currentToken()));
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (ints) {
                if (e != JsonToken.VALUE_NUMBER_INT) {
                    throw Json.error(p, source, what + ": expected an integer, found " + describe(p, e));
                }
                out.add(new BigInteger(p.getText()).toString());
            } else {
                if (e != JsonToken.VALUE_STRING) {
                    throw Json.error(p, source, what + ": expected a string, found " + describe(p, e));
                }
                out.add(p.getText());
            }
        }
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? "the number " + abbreviate(p.getText()) : Json.describe(t);
    }

    /** The texts as a canonical metadata set, checked as {@link Metadata#of} checks them. */
    private static List<String> canonical(JsonParser p, String source, String key, List<String> texts) {
        try {
            return Metadata.of(Map.of(key, texts)).get(key);
        } catch (IllegalArgumentException e) {
            throw Json.error(p, source, e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    // ================================================================== resolving on read

    /**
     * The JSON nodes as read: parallel lists by node index; {@code parents} -1 for the root; the
     * root's key and values are not used. {@code meta} holds null for a node without metadata.
     */
    record Nodes(List<String> keys, List<List<String>> values, List<Integer> parents, List<int[]> children,
            List<Map<String, Entry>> meta, int root) {
    }

    /**
     * The metadata columns of {@code q}, the qube read from {@code nodes}.
     *
     * @throws QubeFormatException where the metadata does not fit its node (a {@code per_coord_strings}
     *     whose length is not the node's number of values, or one on the root, which has none)
     */
    static Meta resolve(Nodes nodes, Qube q, String source) {
        for (int i = 0; i < nodes.meta.size(); i++) {
            Map<String, Entry> m = nodes.meta.get(i);
            if (m != null) {
                for (Map.Entry<String, Entry> e : m.entrySet()) {
                    check(nodes, i, e.getKey(), e.getValue(), source);
                }
            }
        }
        consolidate(nodes);
        TreeMap<String, List<Integer>> byKey = new TreeMap<>(dev.qube.ValueOrder::compareCodePoints);
        for (int i = 0; i < nodes.meta.size(); i++) {
            Map<String, Entry> m = nodes.meta.get(i);
            if (m != null) {
                for (String k : m.keySet()) {
                    byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
            }
        }
        if (byKey.isEmpty()) {
            return Meta.NONE;
        }
        Ranks rt = Access.ranks(q);
        Shape shape = new Shape(nodes);
        return Deep.run(q.depth() + 2, () -> {
            List<Meta.Column> columns = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
                columns.add(new KeyPass(nodes, shape, rt, e.getKey(), e.getValue(), source).column());
            }
            return MetaWriter.meta(columns);
        });
    }

    /** Facts about the JSON tree, whatever the key: identifiers below a node and whether any is there twice. */
    private static final class Shape {
        private final Nodes t;
        private final long[] count;
        private final byte[] dupFree; // 0 unknown, 1 yes, 2 no

        Shape(Nodes t) {
            this.t = t;
            this.count = new long[t.keys.size()];
            this.dupFree = new byte[t.keys.size()];
            Arrays.fill(count, -1);
        }

        /** Identifiers below one value of a node (the root: below it), counted once per path. */
        long count(int node) {
            if (count[node] >= 0) {
                return count[node];
            }
            int[] kids = t.children.get(node);
            long n = kids.length == 0 ? (node == t.root ? 0 : 1) : 0;
            for (int c : kids) {
                n = saturatingAdd(n, saturatingMultiply(t.values.get(c).size(), count(c)));
            }
            count[node] = n;
            return n;
        }

        /**
         * Whether no identifier is reached twice below a node: no value twice in a child, and no
         * value shared by two children of one key that are both leaves or both inner (a leaf and an
         * inner sibling, as writers put an identifier ending at an inner node, reach different ones).
         */
        boolean dupFree(int node) {
            if (dupFree[node] != 0) {
                return dupFree[node] == 1;
            }
            boolean ok = true;
            Set<String> seen = new HashSet<>();
            for (int c : t.children.get(node)) {
                boolean leaf = t.children.get(c).length == 0;
                String prefix = (leaf ? "L" : "I") + t.keys.get(c).length() + ":" + t.keys.get(c) + "=";
                for (String v : t.values.get(c)) {
                    if (!seen.add(prefix + v)) {
                        ok = false;
                        break;
                    }
                }
                if (!ok || (!leaf && !dupFree(c))) {
                    ok = false;
                    break;
                }
            }
            dupFree[node] = (byte) (ok ? 1 : 2);
            return ok;
        }
    }

    /** A {@code per_coord_strings} must have one set per value of its node (the root has none). */
    private static void check(Nodes t, int node, String key, Entry e, String source) {
        if (e.perValue == null) {
            return;
        }
        if (node == t.root) {
            throw Json.error(e.at, source, "metadata '" + abbreviate(key) + "': \"per_coord_strings\" on the root node, which has no values"
                    + " (use \"strings\" or \"ints\" for every identifier)");
        }
        List<String> values = t.values.get(node);
        if (e.perValue.size() != values.size()) {
            throw Json.error(e.at, source, "metadata '" + abbreviate(key) + "': \"per_coord_strings\" has " + e.perValue.size()
                    + (e.perValue.size() == 1 ? " set" : " sets") + " but node '" + abbreviate(t.keys.get(node)) + "' has " + values.size()
                    + (values.size() == 1 ? " value" : " values") + " (one set per value, in the order of the values)");
        }
    }

    /**
     * Moves a key up to a node when every child of it holds the same one set for the key (as qubed
     * consolidates on its side): every identifier below the node is below one of its children, so
     * this changes nothing any identifier holds, and metadata written on every leaf node then costs
     * one region, not one per leaf. Children before parents, so it climbs as far as it holds.
     */
    private static void consolidate(Nodes t) {
        int n = t.keys.size();
        int[] order = new int[n];
        int size = 0;
        order[size++] = t.root;
        for (int i = 0; i < size; i++) {
            for (int c : t.children.get(order[i])) {
                order[size++] = c;
            }
        }
        for (int i = size - 1; i >= 0; i--) {
            int node = order[i];
            int[] kids = t.children.get(node);
            if (kids.length == 0 || t.meta.get(kids[0]) == null) {
                continue;
            }
            for (String key : List.copyOf(t.meta.get(kids[0]).keySet())) {
                Entry first = t.meta.get(kids[0]).get(key);
                boolean same = first.set != null;
                for (int k = 1; k < kids.length && same; k++) {
                    Map<String, Entry> m = t.meta.get(kids[k]);
                    Entry e = m == null ? null : m.get(key);
                    same = e != null && e.set != null && e.set.equals(first.set);
                }
                if (!same) {
                    continue;
                }
                for (int c : kids) {
                    t.meta.get(c).remove(key);
                }
                Map<String, Entry> own = t.meta.get(node);
                if (own == null) {
                    own = new LinkedHashMap<>();
                    t.meta.set(node, own);
                }
                own.put(key, first);
            }
        }
    }

    /** One metadata key over the JSON nodes: its regions as rank ranges, then one column. */
    private static final class KeyPass {
        private final Nodes t;
        private final Ranks rt;
        private final String key;
        private final List<Integer> carriers;
        private final String source;
        private final boolean[] carries;
        private final long[] inner; // identifiers below a node (each value), -1 not yet known
        private final List<List<String>> dict = new ArrayList<>();
        private final Map<List<String>, Integer> index = new HashMap<>();
        private long[] starts = new long[16];
        private long[] lens = new long[16];
        private int[] ids = new int[16];
        private int size;
        private final Shape shape;
        private boolean[] below;

        KeyPass(Nodes t, Shape shape, Ranks rt, String key, List<Integer> carriers, String source) {
            this.t = t;
            this.shape = shape;
            this.rt = rt;
            this.key = key;
            this.carriers = carriers;
            this.source = source;
            int n = t.keys.size();
            this.carries = new boolean[n];
            this.inner = new long[n];
            Arrays.fill(inner, -1);
            for (int c : carriers) {
                carries[c] = true;
            }
        }

        Meta.Column column() {
            for (int node : carriers) {
                Entry e = t.meta.get(node).get(key);
                if (e.perValue == null) {
                    region(node, null, e.set);
                    continue;
                }
                List<String> values = t.values.get(node);
                Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    List<String> set = e.perValue.get(i);
                    if (!set.isEmpty()) {
                        groups.computeIfAbsent(set, x -> new ArrayList<>()).add(i);
                    }
                }
                for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
                    region(node, g.getValue(), g.getKey());
                }
            }
            return sweep();
        }

        /** Identifiers below one value of {@code node} not under a deeper carrier of the key, saturating. */
        private long inner(int node) {
            long known = inner[node];
            if (known >= 0) {
                return known;
            }
            int[] kids = t.children.get(node);
            long n;
            if (kids.length == 0) {
                n = node == t.root ? 0 : 1;
            } else {
                n = 0;
                for (int c : kids) {
                    if (!carries[c]) {
                        n = saturatingAdd(n, saturatingMultiply(t.values.get(c).size(), inner(c)));
                    }
                }
            }
            inner[node] = n;
            return n;
        }

        /** The identifiers below {@code node} (only its values {@code chosen} when not null) that this node decides: they hold {@code set}. */
        private void region(int node, List<Integer> chosen, List<String> set) {
            int id = index.computeIfAbsent(set, x -> {
                dict.add(x);
                return dict.size() - 1;
            });
            if (node == t.root) {
                if (!carrierBelow()[node] && shape.dupFree(node) && shape.count(node) == rt.count()) {
                    add(0, rt.count(), id);
                    return;
                }
                for (int c : t.children.get(node)) {
                    if (!carries[c] && inner(c) > 0) {
                        walk(c, rt.root(), 0, null, id);
                    }
                }
                return;
            }
            List<Integer> chain = new ArrayList<>();
            for (int a = t.parents.get(node); a >= 0 && a != t.root; a = t.parents.get(a)) {
                chain.add(a);
            }
            java.util.Collections.reverse(chain);
            List<String> own;
            List<String> all = t.values.get(node);
            if (chosen == null) {
                own = all;
            } else {
                own = new ArrayList<>(chosen.size());
                for (int i : chosen) {
                    own.add(all.get(i));
                }
            }
            if (inner(node) > 0) {
                down(chain, 0, rt.root(), 0, node, own, id);
            }
        }

        /** Follows the ancestors of a region's node through the qube read: each of their values. */
        private void down(List<Integer> chain, int depth, int canonical, long base, int node, List<String> own, int id) {
            if (depth == chain.size()) {
                walk(node, canonical, base, own, id);
                return;
            }
            int a = chain.get(depth);
            Ranks.Steps st = rt.steps(canonical);
            for (String v : t.values.get(a)) {
                int j = step(st, t.keys.get(a), v);
                int cn = st.nodes[j];
                down(chain, depth + 1, cn, base + st.before[j] + (rt.store().terminal(cn) ? 1 : 0), node, own, id);
            }
        }

        /**
         * Adds the ranks of the identifiers below JSON node {@code node} (its {@code values}, or all
         * when null) not under a deeper carrier of the key; {@code canonical} is the qube's node its
         * parent path leads to and {@code base} the rank where the identifiers below that path begin.
         * A JSON subtree that provably holds every identifier below its step (no carrier below, no
         * identifier twice, as many as the step leads to) is one range; otherwise the walk goes on,
         * down to single identifiers at the JSON leaves.
         */
        private void walk(int node, int canonical, long base, List<String> values, int id) {
            Ranks.Steps st = rt.steps(canonical);
            String key = t.keys.get(node);
            int[] kids = t.children.get(node);
            for (String v : values == null ? t.values.get(node) : values) {
                int j = step(st, key, v);
                long s = base + st.before[j];
                if (kids.length == 0) {
                    add(s, 1, id);
                    continue;
                }
                int cn = st.nodes[j];
                long term = rt.store().terminal(cn) ? 1 : 0;
                long lo = s + term;
                if (!carrierBelow()[node] && shape.dupFree(node) && shape.count(node) == st.sub(j) - term) {
                    add(lo, st.sub(j) - term, id);
                    continue;
                }
                for (int c : kids) {
                    if (!carries[c] && inner(c) > 0) {
                        walk(c, cn, lo, null, id);
                    }
                }
            }
        }

        private static int step(Ranks.Steps st, String key, String value) {
            int j = st.find(key, value);
            if (j < 0) {
                throw new IllegalStateException("a step of a metadata region is missing from the qube read: " + key + "=" + value);
            }
            return j;
        }

        /** Whether a node has a deeper carrier of the key below it. */
        private boolean[] carrierBelow() {
            if (below == null) {
                below = new boolean[carries.length];
                for (int c : carriers) {
                    for (int a = t.parents.get(c); a >= 0 && !below[a]; a = t.parents.get(a)) {
                        below[a] = true;
                    }
                }
            }
            return below;
        }

        private void add(long start, long len, int id) {
            if (size > 0 && ids[size - 1] == id && starts[size - 1] + lens[size - 1] == start) {
                lens[size - 1] += len; // the next value of a node, or the next node: one range
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                lens = Arrays.copyOf(lens, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            starts[size] = start;
            lens[size] = len;
            ids[size] = id;
            size++;
        }

        /** The ranges in rank order, overlaps (one identifier reached through united siblings) holding the union. */
        private Meta.Column sweep() {
            int n = size;
            boolean sorted = true;
            for (int i = 1; i < n && sorted; i++) {
                sorted = starts[i - 1] <= starts[i];
            }
            if (!sorted) {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> Long.compare(starts[x], starts[y]));
                long[] s2 = new long[n];
                long[] l2 = new long[n];
                int[] i2 = new int[n];
                for (int i = 0; i < n; i++) {
                    s2[i] = starts[order[i]];
                    l2[i] = lens[order[i]];
                    i2[i] = ids[order[i]];
                }
                starts = s2;
                lens = l2;
                ids = i2;
            }
            MetaWriter w = new MetaWriter(key);
            long pos = 0;
            int i = 0;
            long[] actEnd = new long[4];
            int[] actId = new int[4];
            int act = 0;
            while (i < n || act > 0) {
                if (act == 0 && starts[i] > pos) {
                    w.append(starts[i] - pos, null);
                    pos = starts[i];
                }
                while (i < n && starts[i] == pos) {
                    if (act == actEnd.length) {
                        actEnd = Arrays.copyOf(actEnd, act * 2);
                        actId = Arrays.copyOf(actId, act * 2);
                    }
                    actEnd[act] = pos + lens[i];
                    actId[act] = ids[i];
                    act++;
                    i++;
                }
                long next = Long.MAX_VALUE;
                for (int a = 0; a < act; a++) {
                    next = Math.min(next, actEnd[a]);
                }
                if (i < n) {
                    next = Math.min(next, starts[i]);
                }
                List<String> set = dict.get(actId[0]);
                for (int a = 1; a < act; a++) {
                    set = MetaOps.union(set, dict.get(actId[a]));
                }
                w.append(next - pos, set);
                pos = next;
                int kept = 0;
                for (int a = 0; a < act; a++) {
                    if (actEnd[a] != pos) {
                        actEnd[kept] = actEnd[a];
                        actId[kept] = actId[a];
                        kept++;
                    }
                }
                act = kept;
            }
            return w.finish();
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long r = a * b;
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    // ================================================================== placing on write

    /**
     * One JSON node to write: a node of the canonical tree with the values it is written with;
     * {@code leafOnly} when it ends identifiers and has no children in the JSON (a leaf, or the
     * childless copy of an inner node that ends identifiers too); its metadata members; and, when
     * keys are still to be placed below it ({@code open}), the rank where its identifiers below begin.
     */
    static final class Occ {
        final int ref;
        final List<String> values;
        final boolean leafOnly;
        final List<String> keys = new ArrayList<>();
        /** Per key in {@link #keys}: one set (List of String) or one set per value (List of List). */
        final List<Object> sets = new ArrayList<>();
        final List<Boolean> perValue = new ArrayList<>();
        long base;
        boolean[] open;

        Occ(int ref, List<String> values, boolean leafOnly) {
            this.ref = ref;
            this.values = values;
            this.leafOnly = leafOnly;
        }
    }

    /** Where a JSON writer puts the metadata of one qube. */
    static final class Layout {
        private final Store s;
        private final Ranks ranks;
        private final Meta.Column[] columns;
        private final boolean typedArrays;

        /**
         * @param typedArrays whether values are written split by type (arena-json's {@code ints},
         *     {@code floats}, {@code strings}): a node whose values are of several types then never
         *     gets {@code per_coord_strings} (the order of its values in the file is not canonical
         *     order, and qubed's own order for mixed values is its own), it is written once per value
         */
        Layout(Qube q, boolean typedArrays) {
            this.typedArrays = typedArrays;
            this.s = Access.store(q);
            this.ranks = Access.ranks(q);
            Meta m = Access.meta(q);
            this.columns = new Meta.Column[m.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = m.column(i);
            }
        }

        /** The root's JSON node: keys uniform over every identifier are placed on it. */
        Occ root(int rootRef) {
            Occ o = new Occ(rootRef, List.of(), false);
            boolean[] open = new boolean[columns.length];
            Arrays.fill(open, true);
            long count = ranks.count();
            decide(o, new long[] {0}, new long[] {count}, open, false);
            o.base = 0;
            return o;
        }

        /** The JSON nodes below {@code parent}, in writing order. */
        List<Occ> children(Occ parent) {
            int p = parent.ref;
            int n = s.childCount(p);
            List<Occ> out = new ArrayList<>(n);
            Ranks.Steps st = parent.open == null ? null : ranks.steps(p);
            for (int i = 0; i < n; i++) {
                int c = s.child(p, i);
                List<String> values = s.values(s.valueSet(c));
                boolean innerNode = s.childCount(c) > 0;
                boolean terminal = s.terminal(c);
                if (innerNode && terminal) {
                    place(out, st, parent, c, values, true, true);
                }
                place(out, st, parent, c, values, !innerNode, terminal);
            }
            return out;
        }

        private void place(List<Occ> out, Ranks.Steps st, Occ parent, int c, List<String> values, boolean leafOnly, boolean terminal) {
            if (st == null) {
                out.add(new Occ(c, values, leafOnly));
                return;
            }
            String key = s.keyTextOf(c);
            int m = values.size();
            long[] lo = new long[m];
            long[] hi = new long[m];
            for (int i = 0; i < m; i++) {
                int j = st.find(key, values.get(i));
                long start = parent.base + st.before[j];
                if (leafOnly) {
                    lo[i] = start;
                    hi[i] = start + 1;
                } else {
                    lo[i] = start + (terminal ? 1 : 0);
                    hi[i] = start + st.sub(j);
                }
            }
            Occ o = new Occ(c, values, leafOnly);
            decide(o, lo, hi, parent.open, !typedArrays || !mixed(values));
            if (o.open == null || m == 1) {
                o.base = lo[0];
                out.add(o);
                return;
            }
            // a key still varies below some value: one JSON node per value, each with its own subtree
            for (int i = 0; i < m; i++) {
                Occ one = new Occ(c, List.of(values.get(i)), leafOnly);
                decide(one, new long[] {lo[i]}, new long[] {hi[i]}, parent.open, true);
                one.base = lo[i];
                out.add(one);
            }
        }

        /** Places on {@code o} every key of {@code open} whose set is the same over each value's range. */
        private void decide(Occ o, long[] lo, long[] hi, boolean[] open, boolean perValueAllowed) {
            boolean[] still = null;
            int m = lo.length;
            @SuppressWarnings("unchecked")
            List<String>[] sets = new List[m];
            for (int k = 0; k < columns.length; k++) {
                if (!open[k]) {
                    continue;
                }
                Meta.Column col = columns[k];
                boolean uniform = true;
                for (int i = 0; i < m && uniform; i++) {
                    int r = col.runOf(lo[i]);
                    if (r >= col.runs()) {
                        sets[i] = null;
                    } else if (col.ends()[r] >= hi[i]) {
                        sets[i] = col.ids()[r] < 0 ? null : col.dict()[col.ids()[r]];
                    } else {
                        uniform = false;
                    }
                }
                boolean same = uniform;
                for (int i = 1; i < m && same; i++) {
                    same = java.util.Objects.equals(sets[i], sets[0]);
                }
                if (!uniform || (!same && !perValueAllowed)) {
                    if (still == null) {
                        still = new boolean[columns.length];
                    }
                    still[k] = true;
                    continue;
                }
                if (same) {
                    if (sets[0] != null) {
                        o.keys.add(col.key());
                        o.sets.add(sets[0]);
                        o.perValue.add(false);
                    }
                } else {
                    List<List<String>> each = new ArrayList<>(m);
                    for (int i = 0; i < m; i++) {
                        each.add(sets[i] == null ? List.of() : sets[i]);
                    }
                    o.keys.add(col.key());
                    o.sets.add(each);
                    o.perValue.add(true);
                }
            }
            o.open = still;
        }
    }

    /** Whether the values are written as more than one of arena-json's typed arrays. */
    private static boolean mixed(List<String> values) {
        int kinds = 0;
        boolean ints = false;
        boolean floats = false;
        boolean strings = false;
        for (String v : values) {
            if (Json.isInt32(v)) {
                ints = true;
            } else if (Json.isQubedFloat(v)) {
                floats = true;
            } else {
                strings = true;
            }
        }
        kinds = (ints ? 1 : 0) + (floats ? 1 : 0) + (strings ? 1 : 0);
        return kinds > 1;
    }

    /** Writes the members of a node's metadata object (the object itself is the caller's). */
    @SuppressWarnings("unchecked")
    static void write(Occ o, JsonGenerator g) throws IOException {
        for (int i = 0; i < o.keys.size(); i++) {
            g.writeObjectFieldStart(o.keys.get(i));
            if (o.perValue.get(i)) {
                g.writeArrayFieldStart("per_coord_strings");
                for (List<String> set : (List<List<String>>) o.sets.get(i)) {
                    g.writeStartArray();
                    for (String v : set) {
                        g.writeString(v);
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            } else {
                List<String> set = (List<String>) o.sets.get(i);
                boolean ints = true;
                for (String v : set) {
                    ints &= Json.isInt32(v);
                }
                g.writeArrayFieldStart(ints ? "ints" : "strings");
                for (String v : set) {
                    if (ints) {
                        g.writeNumber(v);
                    } else {
                        g.writeString(v);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }
}
