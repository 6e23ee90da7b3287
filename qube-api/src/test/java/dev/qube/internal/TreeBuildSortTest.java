package dev.qube.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A node's values as written: distinct, in canonical order, whatever order and repeats the file gave. */
class TreeBuildSortTest {

    private static String[] model(List<String> values) {
        TreeSet<String> s = new TreeSet<>(ValueOrder.INSTANCE);
        s.addAll(values);
        return s.toArray(String[]::new);
    }

    private static void check(List<String> values) {
        List<String> sorted = TreeBuild.sortedDistinct(values);
        assertArrayEquals(model(values), sorted.toArray(String[]::new), values::toString);
        if (sorted instanceof IntegerTexts numbers) {
            assertEquals(sorted.size(), numbers.integers().length);
            for (int i = 0; i < sorted.size(); i++) {
                assertEquals(Long.parseLong(sorted.get(i)), numbers.integers()[i], values::toString);
            }
        }
    }

    @Test
    void integersOfEverySpanSortAsNumbers() {
        Random r = new Random(22);
        long[] spans = {10, 1_000, 100_000_000L, 1L << 40, 999_999_999_999_999_999L};
        for (int trial = 0; trial < 400; trial++) {
            long span = spans[trial % spans.length];
            int n = 1 + r.nextInt(trial % 7 == 0 ? 5000 : 40);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long v = Math.floorMod(r.nextLong(), span);
                values.add(Long.toString(r.nextInt(4) == 0 ? -v : v));
            }
            check(values);
        }
    }

    @Test
    void aSortedIntegerListKeepsItsTextsAndAnUnsortedOneTheSameTexts() {
        List<String> dates = new ArrayList<>();
        for (int d = 1; d <= 28; d++) {
            dates.add(new String("202401" + (d < 10 ? "0" : "") + d));
        }
        List<String> sorted = TreeBuild.sortedDistinct(dates);
        assertEquals(28, sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            assertSame(dates.get(i), sorted.get(i));
        }
        List<String> shuffled = new ArrayList<>(dates);
        java.util.Collections.shuffle(shuffled, new Random(1));
        shuffled.add(dates.get(3));
        List<String> again = TreeBuild.sortedDistinct(shuffled);
        assertEquals(28, again.size());
        for (int i = 0; i < again.size(); i++) {
            assertSame(dates.get(i), again.get(i));
        }
    }

    @Test
    void textsThatAreNotSmallCanonicalIntegersSortAsTexts() {
        check(List.of("10", "9", "-0", "01", "9"));
        check(List.of("1234567890123456789", "123456789012345678", "-1234567890123456789", "5"));
        check(List.of("b", "10", "a", "2", "2024-01-01", "0.5", "-", "10"));
        check(List.of("0", "-1", "0", "1"));
        check(List.of("999999999999999999", "-999999999999999999", "0"));
        assertEquals(0, IntegerTexts.integer("0"));
        assertEquals(-999_999_999_999_999_999L, IntegerTexts.integer("-999999999999999999"));
        for (String s : List.of("", "-", "-0", "00", "01", "1a", "+1", "1234567890123456789", " 1")) {
            assertEquals(Long.MIN_VALUE, IntegerTexts.integer(s), s);
        }
        assertEquals(List.of("1"), TreeBuild.sortedDistinct(Arrays.asList("1", "1", "1")));
    }
}
