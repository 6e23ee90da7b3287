package dev.qube.internal;

import dev.qube.ValueOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts texts into {@link ValueOrder canonical order} classifying each text once (is it a
 * canonical integer?) instead of once per comparison, as {@code list.sort(ValueOrder.INSTANCE)}
 * does. The hot path of every write of a new value set.
 */
final class CanonicalSort {
    private CanonicalSort() {
    }

    /** Canonical integers only: by sign, then magnitude (length, then digits). */
    private static final Comparator<String> INTEGERS = (a, b) -> {
        boolean na = a.charAt(0) == '-';
        boolean nb = b.charAt(0) == '-';
        if (na != nb) {
            return na ? -1 : 1;
        }
        int byMagnitude = a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        return na ? -byMagnitude : byMagnitude;
    };

    private static final Comparator<String> TEXTS = ValueOrder::compareCodePoints;

    /** Sorts {@code values} (a mutable list) in place into canonical order. */
    static void sort(List<String> values) {
        int n = values.size();
        if (n < 2) {
            return;
        }
        String[] all = values.toArray(new String[0]);
        int ints = 0;
        for (int i = 0; i < n; i++) {
            if (ValueOrder.isCanonicalInteger(all[i])) {
                String t = all[ints];
                all[ints++] = all[i];
                all[i] = t;
            }
        }
        Arrays.sort(all, 0, ints, INTEGERS);
        Arrays.sort(all, ints, n, TEXTS);
        for (int i = 0; i < n; i++) {
            values.set(i, all[i]);
        }
    }
}
