package dev.qube.internal;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one canonical sibling list in a target store. Callers add entries (key, values, body)
 * whose values are disjoint within each key, and finished nodes whose key no entry uses; entries
 * with equal key and body are merged, empty bodies dropped, and the result sorted by key (code
 * point) then first value (canonical order).
 */
final class Siblings {

    private record Group(int key, Body body) {
    }

    private final Store target;
    private final Map<Group, List<String>> groups = new LinkedHashMap<>();
    private final List<Sorted> done = new ArrayList<>();
    private final Map<Integer, String> firstValues;

    private record Sorted(String key, String first, int ref) {
    }

    Siblings(Store target, Map<Integer, String> firstValueCache) {
        this.target = target;
        this.firstValues = firstValueCache != null ? firstValueCache : new HashMap<>();
    }

    /** Adds values (disjoint from other values of the same key) with their body. */
    void add(int key, List<String> values, Body body) {
        if (body.isEmpty() || values.isEmpty()) {
            return;
        }
        groups.computeIfAbsent(new Group(key, body), g -> new ArrayList<>()).addAll(values);
    }

    /** Adds a finished canonical node of the target store. */
    void addNode(int ref) {
        String first = firstValues.computeIfAbsent(ref, r -> target.firstValue(target.valueSet(r)));
        done.add(new Sorted(target.keyTextOf(ref), first, ref));
    }

    boolean isEmpty() {
        return groups.isEmpty() && done.isEmpty();
    }

    int[] finish() {
        for (Map.Entry<Group, List<String>> e : groups.entrySet()) {
            List<String> values = e.getValue();
            values.sort(ValueOrder.INSTANCE);
            int vs = target.writeValues(values);
            Body b = e.getKey().body();
            int ref = target.writeNode(e.getKey().key(), vs, b.terminal(), b.children(), b.children().length);
            firstValues.putIfAbsent(ref, values.get(0));
            done.add(new Sorted(target.keyText(e.getKey().key()), values.get(0), ref));
        }
        done.sort((x, y) -> {
            int c = ValueOrder.compareCodePoints(x.key, y.key);
            return c != 0 ? c : ValueOrder.INSTANCE.compare(x.first, y.first);
        });
        int[] out = new int[done.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = done.get(i).ref;
        }
        return out;
    }
}
