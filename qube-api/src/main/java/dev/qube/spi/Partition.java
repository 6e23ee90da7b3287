package dev.qube.spi;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The three-way partition of two value sets: values only in the first, in both, only in the
 * second; each list distinct and in canonical order.
 */
public record Partition(List<String> onlyA, List<String> both, List<String> onlyB) {

    /** Copies the three lists (null elements are rejected). */
    public Partition {
        onlyA = List.copyOf(onlyA);
        both = List.copyOf(both);
        onlyB = List.copyOf(onlyB);
    }

    /** Partitions two distinct, canonically ordered lists by merging them. */
    public static Partition of(List<String> a, List<String> b) {
        List<String> onlyA = new ArrayList<>();
        List<String> both = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            String x = a.get(i);
            String y = b.get(j);
            int c = x.equals(y) ? 0 : ValueOrder.INSTANCE.compare(x, y); // equal texts are common and cheap to tell
            if (c < 0) {
                onlyA.add(x);
                i++;
            } else if (c > 0) {
                onlyB.add(y);
                j++;
            } else {
                both.add(x);
                i++;
                j++;
            }
        }
        onlyA.addAll(a.subList(i, a.size()));
        onlyB.addAll(b.subList(j, b.size()));
        return new Partition(onlyA, both, onlyB);
    }
}
