package dev.qube.internal;

import java.util.Arrays;

/**
 * The computed table of a binary operation: an open-addressing map from a pair of node
 * references (two non-negative {@code int}s) to a result, without boxing. The pair is packed
 * into one {@code long} and mixed with a 64-bit finaliser (SplitMix64's), so pairs that a plain
 * {@code na ^ nb} would send to one bucket spread evenly; the table is sized once from the
 * expected number of pairs and only grows if that estimate is passed.
 *
 * @param <V> the result per pair
 */
final class PairMemo<V> {

    /** No pair packs to this: references are non-negative. */
    private static final long FREE = -1L;

    private long[] keys;
    private Object[] values;
    private int size;

    /** A table for about {@code expected} pairs (allocated on the first {@link #put}). */
    PairMemo(int expected) {
        this.expectedCapacity = capacityFor(Math.max(8, expected));
    }

    private final int expectedCapacity;

    private static int capacityFor(int entries) {
        // load factor at most 1/2
        long cap = Long.highestOneBit(Math.max(16L, 2L * entries - 1)) << 1;
        return (int) Math.min(cap, 1 << 30);
    }

    static long pack(int na, int nb) {
        return ((long) na << 32) | Integer.toUnsignedLong(nb);
    }

    /** SplitMix64's finaliser: every bit of the pair moves every bit of the slot. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The result stored for the pair, or null. */
    @SuppressWarnings("unchecked")
    V get(int na, int nb) {
        if (keys == null) {
            return null;
        }
        long key = pack(na, nb);
        int mask = keys.length - 1;
        for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    /** Stores the result of a pair (replacing any earlier one). */
    void put(int na, int nb, V value) {
        if (na < 0 || nb < 0) {
            throw new IllegalArgumentException("node references are non-negative: " + na + ", " + nb);
        }
        if (keys == null) {
            keys = new long[expectedCapacity];
            Arrays.fill(keys, FREE);
            values = new Object[expectedCapacity];
        } else if (2 * (size + 1) > keys.length) {
            grow();
        }
        if (insert(pack(na, nb), value)) {
            size++;
        }
    }

    private boolean insert(long key, Object value) {
        int mask = keys.length - 1;
        for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return false;
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                return true;
            }
        }
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = values;
        keys = new long[ok.length * 2];
        Arrays.fill(keys, FREE);
        values = new Object[ok.length * 2];
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != FREE) {
                insert(ok[i], ov[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** Slots allocated (0 before the first put): how often the table regrew shows here. */
    int capacity() {
        return keys == null ? 0 : keys.length;
    }

    @Override
    public String toString() {
        return "PairMemo[" + size + "/" + capacity() + "]";
    }
}
