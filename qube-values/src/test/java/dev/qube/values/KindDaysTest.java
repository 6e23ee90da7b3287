package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Dates are keyed by their epoch day, computed without {@link LocalDate}: it must agree with it on
 * every day. Keys of integer sets are derived from the numbers the engine read: they must agree with
 * reading the texts.
 */
class KindDaysTest {

    @Test
    void epochDayAgreesWithLocalDateOnEveryDayOfYears1000To9999() {
        for (LocalDate d = LocalDate.of(1000, 1, 1); d.getYear() < 10000; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), Kind.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
        assertEquals(0, Kind.epochDay(1970, 1, 1));
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), Kind.YYYYMMDD.key("20240229"));
        assertEquals(Kind.NONE, Kind.YYYYMMDD.key("20230229"));
    }

    @Test
    void keysDerivedFromIntegersAgreeWithReadingTheirTexts() {
        java.util.Random r = new java.util.Random(22);
        java.util.List<Long> numbers = new java.util.ArrayList<>();
        for (long v = -3000; v <= 3000; v++) {
            numbers.add(v); // every time hhmm and its neighbours
        }
        for (long v = 9_999_000; v <= 10_001_000; v++) {
            numbers.add(v);
        }
        for (LocalDate d = LocalDate.of(1000, 1, 1); d.getYear() < 10000; d = d.plusDays(7)) {
            long v = d.getYear() * 10_000L + d.getMonthValue() * 100 + d.getDayOfMonth();
            numbers.add(v);
            numbers.add(v + 1);
            numbers.add(v + 30);
            numbers.add(v + 70);
        }
        for (int i = 0; i < 100_000; i++) {
            numbers.add(r.nextLong() % 1_000_000_000_000_000_000L);
            numbers.add((long) r.nextInt(100_000_000));
        }
        for (long v : numbers) {
            String text = Long.toString(v);
            for (Kind k : Kind.values()) {
                assertEquals(k.key(text), k.keyOfInteger(v), () -> k + " of " + text);
            }
        }
    }
}
