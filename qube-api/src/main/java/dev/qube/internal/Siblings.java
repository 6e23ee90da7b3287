package dev.qube.internal;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one canonical sibling list in a target store. Callers add entries (key, values, body)
 * whose values are disjoint within each key, and finished nodes whose key no entry uses; entries
 * with equal key and body are merged, empty bodies dropped, and the result sorted by key (code
 * point) then first value (canonical order). Values given as a stored value set are copied as
 * bytes, never decoded, unless they must be merged with others.
 */
final class Siblings {

    private record GroupKey(int key, Body body) {
    }

    /** Entries of one key with one body: their values become one node. */
    private static final class Group {
        final int key;
        final Body body;
        final List<Source> sources = new ArrayList<>(1);

        Group(int key, Body body) {
            this.key = key;
            this.body = body;
        }
    }

    /** Groups are few per sibling list: found by a scan until there are many, then by a map. */
    private static final int SCAN_LIMIT = 8;

    /** Values of an entry: a list of texts, or a whole value set of some store. */
    private record Source(List<String> texts, Store store, int vs) {
    }

    private record Sorted(String key, String first, int ref) {
    }

    /** A stored value set of some store, as a merge's source (stores are equal only to themselves). */
    private record StoredSet(Store store, int vs) {
    }

    private final Store target;
    private final List<Group> groups;
    private Map<GroupKey, Group> index;
    private final List<Sorted> done;

    Siblings(Store target) {
        this.target = target;
        this.groups = new ArrayList<>();
        this.done = new ArrayList<>();
    }

    /** For about {@code expected} siblings (the lists are sized for them once instead of growing). */
    Siblings(Store target, int expected) {
        this.target = target;
        this.groups = new ArrayList<>(expected);
        this.done = new ArrayList<>(expected);
    }

    /** Adds values (disjoint from other values of the same key) with their body. */
    void add(int key, List<String> values, Body body) {
        if (body.isEmpty() || values.isEmpty()) {
            return;
        }
        group(key, body).sources.add(new Source(values, null, 0));
    }

    private Group group(int key, Body body) {
        if (index == null) {
            for (Group g : groups) {
                if (g.key == key && g.body.equals(body)) {
                    return g;
                }
            }
            Group g = new Group(key, body);
            groups.add(g);
            if (groups.size() > SCAN_LIMIT) {
                index = new HashMap<>();
                for (Group x : groups) {
                    index.put(new GroupKey(x.key, x.body), x);
                }
            }
            return g;
        }
        return index.computeIfAbsent(new GroupKey(key, body), k -> {
            Group g = new Group(key, body);
            groups.add(g);
            return g;
        });
    }

    /** Adds all values of value set {@code vs} of {@code store} with their body. */
    void add(int key, Store store, int vs, Body body) {
        if (body.isEmpty()) {
            return;
        }
        group(key, body).sources.add(new Source(null, store, vs));
    }

    /** Adds a finished canonical node of the target store. */
    void addNode(int ref) {
        done.add(new Sorted(target.keyTextOf(ref), target.firstValue(target.valueSet(ref)), ref));
    }

    /** The canonical order of two siblings given their keys and first values: by key (code point), then first value. */
    static int order(String keyA, String firstA, String keyB, String firstB) {
        int c = ValueOrder.compareCodePoints(keyA, keyB);
        return c != 0 ? c : ValueOrder.INSTANCE.compare(firstA, firstB);
    }

    /** Writes the values of every source, in canonical order, as one value set of the target. */
    private int writeUnion(List<Source> sources) {
        List<String> values = new ArrayList<>();
        for (Source s : sources) {
            values.addAll(s.texts != null ? s.texts : s.store.values(s.vs));
        }
        CanonicalSort.sort(values);
        return target.writeValues(values);
    }

    int[] finish() {
        for (Group e : groups) {
            List<Source> sources = e.sources;
            int vs;
            if (sources.size() == 1 && sources.getFirst().store != null) {
                Source s = sources.getFirst();
                vs = target.copyValues(s.store, s.vs);
            } else if (sources.size() == 1) {
                vs = writeUnion(sources);
            } else {
                // the same sources are merged again and again: the target remembers the result
                List<Object> named = new ArrayList<>(sources.size());
                for (Source s : sources) {
                    named.add(s.texts != null ? List.copyOf(s.texts) : new StoredSet(s.store, s.vs));
                }
                Integer known = target.merged(named);
                if (known != null) {
                    vs = known;
                } else {
                    vs = writeUnion(sources);
                    target.rememberMerged(named, vs);
                }
            }
            Body b = e.body;
            int ref = target.writeNode(e.key, vs, b.terminal(), b.children(), b.children().length);
            done.add(new Sorted(target.keyText(e.key), target.firstValue(vs), ref));
        }
        if (done.size() > 1) {
            done.sort((x, y) -> order(x.key, x.first, y.key, y.first));
        }
        int[] out = new int[done.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = done.get(i).ref;
        }
        return out;
    }
}
