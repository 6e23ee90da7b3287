package dev.qube.internal;


/**
 * An open-addressing map from {@code int} keys (never {@link #NO_KEY}) to {@code long} values,
 * without boxing: the engine's per-operation tables (node → copied node, node → count) use it.
 */
final class IntMap {

    static final int NO_KEY = 0;
    static final long MISSING = Long.MIN_VALUE;

    private int[] keys;
    private long[] values;
    private int size;

    IntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new int[cap];
        values = new long[cap];
    }

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B1;
        return (h ^ (h >>> 16)) & mask;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    long get(int key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == NO_KEY) {
                return MISSING;
            }
        }
    }

    void put(int key, long value) {
        if (key == NO_KEY) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == NO_KEY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] ok = keys;
        long[] ov = values;
        keys = new int[ok.length * 2];
        values = new long[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != NO_KEY) {
                put(ok[i], ov[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "IntMap[" + size + "/" + keys.length + "]";
    }
}
