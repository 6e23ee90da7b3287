package dev.qube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Typed selections: MARS ranges, {@code *}, and predicates on typed values, by example. */
class TypedSelectionTest {

    private static List<String> accepted(String selection, String key, List<String> values) {
        Selection s = Selection.parse(selection);
        return values.stream().filter(v -> s.accepts(key, v)).toList();
    }

    private static List<String> ints(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void integerRangesWithAndWithoutStep() {
        assertEquals(ints(1, 137), accepted("levelist=1/to/137", "levelist", ints(-5, 200)));
        assertEquals(List.of("0", "6", "12", "234", "240"),
                accepted("step=0/to/240/by/6", "step", List.of("0", "1", "6", "12", "13", "234", "240", "246")));
        assertEquals(List.of("-3", "-1", "1"), accepted("x=-3/to/1/by/2", "x", ints(-5, 5)));
        // another kind never matches: 0001 is not the integer 1, 1.0 is not 1
        assertEquals(List.of("1"), accepted("levelist=1/to/3", "levelist", List.of("0001", "01", "1.0", "+1", "1", "abc")));
    }

    @Test
    void compactDateRangesStepInDaysAcrossMonthEnds() {
        assertEquals(List.of("20240130", "20240201", "20240203"),
                accepted("date=20240130/to/20240203/by/2", "date",
                        List.of("20240130", "20240131", "20240201", "20240202", "20240203", "20240204", "20240132", "20240200")));
        // the ISO spelling of a date in the range is that date
        assertEquals(List.of("2024-02-29", "20240301"),
                accepted("date=20240228/to/20240301", "date", List.of("2024-02-29", "20240301", "20240230", "2024-03-02")));
    }

    @Test
    void isoDateRanges() {
        assertEquals(List.of("1940-01-01", "1940-01-03", "1940-01-31"),
                accepted("date=1940-01-01/to/1940-01-31/by/2", "date", List.of("1940-01-01", "1940-01-02", "1940-01-03", "1940-01-31", "1940-02-01")));
    }

    @Test
    void timeRanges() {
        assertEquals(List.of("0000", "0600", "12:00:00", "1800"),
                accepted("time=0000/to/1800/by/6", "time", List.of("0000", "0300", "0600", "12:00:00", "1800", "2100", "0", "600")));
        assertEquals(List.of("0000", "0030", "0100"), accepted("time=0000/to/0100/by/0030", "time", List.of("0000", "0015", "0030", "0100")));
        // both ends canonical integers: an integer range, not times
        assertEquals(List.of("1200", "1201"), accepted("time=1200/to/1201", "time", List.of("1200", "1201", "12:01")));
    }

    @Test
    void rangesMixWithValuesAndKeywordsIgnoreCase() {
        assertEquals(List.of("1", "2", "3", "10", "x"), accepted("k=1/TO/3/10/x", "k", List.of("0", "1", "2", "3", "4", "10", "x")));
        assertEquals(List.of("to"), accepted("k=t\\o", "k", List.of("to", "1")));
        assertTrue(Selection.parse("expver=*").accepts("expver", "anything"));
        assertFalse(Selection.parse("expver=*").accepts("class", "od"));
    }

    @Test
    void badRangesAreClearErrors() {
        for (String bad : List.of("k=1/to", "k=to/3", "k=1/to/3/by", "k=1/to/3/by/0", "k=1/to/3/by/-1", "k=3/to/1",
                "k=1/to/abc", "k=1/by/2", "k=20240101/to/1", "k=0000/to/0600/by/25", "k=1/to/99999999999999999999", "k=*/to")) {
            QubeFormatException e = assertThrows(QubeFormatException.class, () -> Selection.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.substring(2)), e::getMessage);
        }
        assertThrows(IllegalArgumentException.class, () -> Selection.builder().range("k", "b", "a"));
    }

    @Test
    void predicatesOnTypedValues() {
        Selection s = Selection.builder()
                .integers("param", p -> p >= 100 && p < 200)
                .dates("date", d -> d.getDayOfWeek() == DayOfWeek.MONDAY)
                .times("time", t -> t.isBefore(LocalTime.NOON))
                .range("step", "0", "12", "6")
                .build();
        assertTrue(s.accepts("param", "167"));
        assertFalse(s.accepts("param", "0167"));
        assertFalse(s.accepts("param", "228"));
        assertTrue(s.accepts("date", "20240101"));
        assertTrue(s.accepts("date", "2024-01-08"));
        assertFalse(s.accepts("date", "20240102"));
        assertTrue(s.accepts("time", "0600"));
        assertTrue(s.accepts("time", "06:00:00"));
        assertFalse(s.accepts("time", "1200"));
        assertTrue(s.accepts("step", "12"));
        assertFalse(s.accepts("step", "3"));
        assertEquals(List.of("param", "date", "time", "step"), List.copyOf(s.keys()));
    }
}
