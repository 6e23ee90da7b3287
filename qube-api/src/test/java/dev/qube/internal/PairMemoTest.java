package dev.qube.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The set operations' computed table: a map of node pairs, sized once, with well-spread slots. */
class PairMemoTest {

    @Test
    void agreesWithAMapOnRandomPairsThroughGrowth() {
        Random r = new Random(22);
        PairMemo<Integer> memo = new PairMemo<>(10);
        Map<Long, Integer> model = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int na = r.nextInt(3000);
            int nb = r.nextInt(3000);
            if (r.nextBoolean()) {
                memo.put(na, nb, i);
                model.put(PairMemo.pack(na, nb), i);
            } else {
                assertEquals(model.get(PairMemo.pack(na, nb)), memo.get(na, nb), na + "," + nb);
            }
        }
        assertEquals(model.size(), memo.size());
    }

    @Test
    void zeroAndSwappedPairsAreDistinct() {
        PairMemo<String> memo = new PairMemo<>(4);
        assertNull(memo.get(0, 0));
        memo.put(0, 7, "a");
        memo.put(7, 0, "b");
        memo.put(0, 0, "c");
        assertSame("a", memo.get(0, 7));
        assertSame("b", memo.get(7, 0));
        assertSame("c", memo.get(0, 0));
        assertNull(memo.get(7, 7));
        assertThrows(IllegalArgumentException.class, () -> memo.put(-1, 0, "x"));
    }

    @Test
    void sizedOnceForItsExpectedPairs() {
        PairMemo<Integer> memo = new PairMemo<>(13_205);
        for (int i = 0; i < 13_205; i++) {
            memo.put(i * 8, i * 8 + 4, i);
        }
        int capacity = memo.capacity();
        assertTrue(capacity >= 2 * 13_205 && capacity <= 4 * 13_205, memo::toString);
        assertEquals(13_205, memo.size());
    }

    /**
     * Node references are arena offsets, so pairs of them share high and low bits; packed into a
     * {@code Long}, {@code na ^ nb} made 13,205 pairs of one union share 10,127 hashes. The mixed
     * slot spreads such pairs as a random function would.
     */
    @Test
    void pairsOfNearbyOffsetsSpreadOverTheSlots() {
        int bits = 15;
        int mask = (1 << bits) - 1;
        Set<Integer> slots = new HashSet<>();
        Set<Integer> xorHashes = new HashSet<>();
        int n = 0;
        for (int na = 8; na < 8 + 128 * 24; na += 24) {
            for (int nb = 8; nb < 8 + 128 * 28; nb += 28) {
                long key = PairMemo.pack(na, nb);
                slots.add((int) PairMemo.mix(key) & mask);
                xorHashes.add(Long.hashCode(key) & mask);
                n++;
            }
        }
        // 16,384 pairs into 32,768 slots: a random function fills about 12,900 of them
        int pairs = n;
        assertTrue(slots.size() > 12_000, () -> slots.size() + " slots of " + pairs + " pairs");
        assertTrue(xorHashes.size() < slots.size() / 2, () -> "xor: " + xorHashes.size());
    }
}
