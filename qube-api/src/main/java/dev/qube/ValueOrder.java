package dev.qube;

import java.util.Comparator;

/**
 * The canonical order of values: texts that are canonical integers ({@code 0}, {@code -5},
 * {@code 167}; not {@code 01}, {@code +1}, {@code -0}) first, numerically and of any length; then
 * every other text by Unicode code point. Printing, iteration and sibling order all use it.
 */
public final class ValueOrder implements Comparator<String> {

    /** The one instance. */
    public static final ValueOrder INSTANCE = new ValueOrder();

    private ValueOrder() {
    }

    /** Whether {@code s} is a canonical integer text. */
    public static boolean isCanonicalInteger(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        int i = 0;
        if (s.charAt(0) == '-') {
            if (n == 1) {
                return false;
            }
            i = 1;
        }
        char first = s.charAt(i);
        if (first == '0') {
            return n == 1; // "0" alone; "-0" and "01" are not canonical
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compare(String a, String b) {
        boolean ia = isCanonicalInteger(a);
        boolean ib = isCanonicalInteger(b);
        if (ia && ib) {
            return compareIntegers(a, b);
        }
        if (ia != ib) {
            return ia ? -1 : 1;
        }
        return compareCodePoints(a, b);
    }

    private static int compareIntegers(String a, String b) {
        boolean na = a.charAt(0) == '-';
        boolean nb = b.charAt(0) == '-';
        if (na != nb) {
            return na ? -1 : 1;
        }
        int byMagnitude = a.length() != b.length()
                ? Integer.compare(a.length(), b.length())
                : a.compareTo(b); // same length, digits only (after an equal sign): lexicographic = numeric
        return na ? -byMagnitude : byMagnitude;
    }

    /** Compares two texts by Unicode code point (not by UTF-16 unit, as {@link String#compareTo} does). */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    // a surrogate encodes a code point above every BMP character
                    return sa ? 1 : -1;
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
