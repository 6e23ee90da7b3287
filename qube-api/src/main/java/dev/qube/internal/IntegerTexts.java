package dev.qube.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A value list of canonical integers in canonical order together with their numbers, as a tree
 * load reads and sorts them: handed to the codecs' {@link dev.qube.spi.ValueSetSizing}, so that no
 * codec reads the texts as numbers again. Only the engine makes one, from numbers it read itself.
 */
public final class IntegerTexts extends AbstractList<String> implements RandomAccess {

    /** What {@link #integer} returns for a text that is not a canonical integer of at most 18 digits. */
    public static final long NOT_INTEGER = Long.MIN_VALUE;

    private final String[] texts;
    private final long[] integers;

    /** {@code integers[i]} is the number of {@code texts[i]}; both ascending, neither copied. */
    IntegerTexts(String[] texts, long[] integers) {
        if (texts.length != integers.length) {
            throw new IllegalArgumentException(texts.length + " texts, " + integers.length + " numbers");
        }
        this.texts = texts;
        this.integers = integers;
    }

    @Override
    public String get(int index) {
        return texts[index];
    }

    @Override
    public int size() {
        return texts.length;
    }

    /** The numbers of the texts, ascending (shared: not to be modified). */
    public long[] integers() {
        return integers;
    }

    /**
     * The number of a canonical integer text ({@link dev.qube.ValueOrder#isCanonicalInteger}) of at
     * most 18 digits, read in one pass over it; {@link #NOT_INTEGER} for any other text.
     */
    public static long integer(String s) {
        int n = s.length();
        if (n == 0 || n > 19) {
            return NOT_INTEGER;
        }
        boolean neg = s.charAt(0) == '-';
        int i = neg ? 1 : 0;
        if (i == n || n - i > 18) {
            return NOT_INTEGER;
        }
        if (s.charAt(i) == '0') {
            return n == 1 ? 0 : NOT_INTEGER; // "0" alone; "-0" and "01" are not canonical
        }
        long v = 0;
        for (; i < n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return NOT_INTEGER;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }
}
