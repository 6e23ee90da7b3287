package dev.qube.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.qube.spi.ValueSetSizing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scratch the codecs share while one value set is sized, and the numbers it hands them. */
class ValueSetSizingTest {

    @Test
    void integersAreTheNumbersOfCanonicalIntegerTextsOnly() {
        assertArrayEquals(new long[] {-12, 0, 7, 999_999_999_999_999_999L},
                new ValueSetSizing(List.of("-12", "0", "7", "999999999999999999")).integers());
        for (String odd : List.of("01", "-0", "+1", "1.0", "x", "1234567890123456789", "-")) {
            assertNull(new ValueSetSizing(List.of("1", odd)).integers(), odd);
        }
    }

    @Test
    void theEngineSortedNumbersAreHandedOverAsTheyAre() {
        List<String> in = new ArrayList<>(List.of("20240103", "20240101", "20240102", "20240101"));
        List<String> sorted = TreeBuild.sortedDistinct(in);
        ValueSetSizing set = new ValueSetSizing(sorted);
        assertSame(((IntegerTexts) sorted).integers(), set.integers());
        assertArrayEquals(new ValueSetSizing(List.copyOf(sorted)).integers(), set.integers());
    }

    @Test
    void sharedResultsAreComputedOncePerKeyAndNullIsRemembered() {
        ValueSetSizing set = new ValueSetSizing(List.of("a", "b"));
        AtomicInteger calls = new AtomicInteger();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(List.of("key", i)); // equal, not identical, when asked again
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < keys.size(); i++) {
                int n = i;
                Object got = set.shared(List.of("key", i), v -> {
                    calls.incrementAndGet();
                    return n % 3 == 0 ? null : v.size() + n;
                });
                assertEquals(i % 3 == 0 ? null : 2 + i, got);
            }
        }
        assertEquals(keys.size(), calls.get());
        // a computation that asks for another entry first (as the bitmap asks for the integers)
        Object outer = set.shared("outer", v -> set.shared("inner", w -> "in") + "+out");
        assertEquals("in+out", outer);
        assertEquals("in", set.shared("inner", w -> "again"));
    }
}
