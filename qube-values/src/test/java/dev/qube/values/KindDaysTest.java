package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Dates are keyed by their epoch day, computed without {@link LocalDate}: it must agree with it on every day. */
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
}
