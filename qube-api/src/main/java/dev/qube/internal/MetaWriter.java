package dev.qube.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one canonical {@link Meta.Column} from runs appended in rank order: adjacent runs holding
 * the same set merge, absent runs at the end vanish, sets are stored once in order of first use.
 */
public final class MetaWriter {
    private final String key;
    private long[] ends = new long[16];
    private int[] ids = new int[16];
    private int runs;
    private long at;
    private final Map<List<String>, Integer> index = new HashMap<>();
    private final List<List<String>> dict = new ArrayList<>();

    public MetaWriter(String key) {
        this.key = key;
    }

    /** The rank the next run starts at. */
    public long position() {
        return at;
    }

    /** Appends {@code length} ranks holding {@code set} (canonical order, not empty), or nothing when null. */
    public void append(long length, List<String> set) {
        if (length <= 0) {
            return;
        }
        int id;
        if (set == null) {
            id = -1;
        } else {
            Integer known = index.get(set);
            if (known == null) {
                known = dict.size();
                List<String> copy = List.copyOf(set);
                dict.add(copy);
                index.put(copy, known);
            }
            id = known;
        }
        at += length;
        if (runs > 0 && ids[runs - 1] == id) {
            ends[runs - 1] = at;
            return;
        }
        if (runs == ends.length) {
            ends = Arrays.copyOf(ends, runs * 2);
            ids = Arrays.copyOf(ids, runs * 2);
        }
        ends[runs] = at;
        ids[runs] = id;
        runs++;
    }

    /** The column, or null when no run holds a set. */
    @SuppressWarnings("unchecked")
    public Meta.Column finish() {
        int n = runs;
        while (n > 0 && ids[n - 1] < 0) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        // appended sets may have been used only in dropped trailing runs: renumber by first use
        int[] renumber = new int[dict.size()];
        Arrays.fill(renumber, -1);
        List<List<String>> used = new ArrayList<>();
        int[] outIds = new int[n];
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            if (id >= 0 && renumber[id] < 0) {
                renumber[id] = used.size();
                used.add(dict.get(id));
            }
            outIds[i] = id < 0 ? -1 : renumber[id];
        }
        return new Meta.Column(key, Arrays.copyOf(ends, n), outIds, used.toArray(List[]::new));
    }

    /** Builds metadata from finished columns (nulls skipped), keys in code-point order. */
    public static Meta meta(List<Meta.Column> columns) {
        List<Meta.Column> out = new ArrayList<>();
        for (Meta.Column c : columns) {
            if (c != null) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            return Meta.NONE;
        }
        out.sort((x, y) -> dev.qube.ValueOrder.compareCodePoints(x.key(), y.key()));
        return new Meta(out.toArray(Meta.Column[]::new));
    }
}
