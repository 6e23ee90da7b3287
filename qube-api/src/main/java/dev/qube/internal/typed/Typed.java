package dev.qube.internal.typed;

import dev.qube.ValueOrder;
import java.time.LocalDate;

/**
 * How a value text reads as a typed value, for selections: a canonical integer (within
 * {@code long}), a date ({@code yyyymmdd} or ISO {@code yyyy-mm-dd}, as days since 1970-01-01),
 * or a time of day ({@code hhmm}, {@code hh:mm} or {@code hh:mm:ss}, as seconds). Each reader
 * returns {@link #NONE} for a text of another kind; none of them allocates.
 */
public final class Typed {
    private Typed() {
    }

    /** What the readers return for a text that is not of their kind. */
    public static final long NONE = Long.MIN_VALUE;

    /** The value of a canonical integer text within {@code long} (not its minimum), else {@link #NONE}. */
    public static long integer(String s) {
        int n = s.length();
        if (n == 0 || n > 20 || !ValueOrder.isCanonicalInteger(s)) {
            return NONE;
        }
        boolean neg = s.charAt(0) == '-';
        long v = 0; // accumulated negatively so that the whole range fits
        for (int i = neg ? 1 : 0; i < n; i++) {
            int d = s.charAt(i) - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return NONE;
            }
            v = v * 10 - d;
        }
        if (v == Long.MIN_VALUE) {
            return NONE;
        }
        return neg ? v : -v;
    }

    /** Whether {@code s} is a valid date written {@code yyyymmdd}. */
    public static boolean isCompactDate(String s) {
        return s.length() == 8 && date(s, 0, 4, 6) != NONE;
    }

    /** Days since 1970-01-01 of a date {@code yyyymmdd} or {@code yyyy-mm-dd}, else {@link #NONE}. */
    public static long epochDay(String s) {
        if (s.length() == 8) {
            return date(s, 0, 4, 6);
        }
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return date(s, 0, 5, 8);
        }
        return NONE;
    }

    /** Seconds of the day of a time {@code hhmm}, {@code hh:mm} or {@code hh:mm:ss}, else {@link #NONE}. */
    public static long secondOfDay(String s) {
        int h;
        int m;
        int sec = 0;
        switch (s.length()) {
            case 4 -> {
                h = digits(s, 0, 2);
                m = digits(s, 2, 2);
            }
            case 5 -> {
                if (s.charAt(2) != ':') {
                    return NONE;
                }
                h = digits(s, 0, 2);
                m = digits(s, 3, 2);
            }
            case 8 -> {
                if (s.charAt(2) != ':' || s.charAt(5) != ':') {
                    return NONE;
                }
                h = digits(s, 0, 2);
                m = digits(s, 3, 2);
                sec = digits(s, 6, 2);
            }
            default -> {
                return NONE;
            }
        }
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return NONE;
        }
        return h * 3600L + m * 60L + sec;
    }

    private static int digits(String s, int at, int len) {
        int v = 0;
        for (int i = at; i < at + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long date(String s, int y, int m, int d) {
        int year = digits(s, y, 4);
        int month = digits(s, m, 2);
        int dom = digits(s, d, 2);
        if (year < 0 || month < 1 || month > 12 || dom < 1 || dom > monthLength(year, month)) {
            return NONE;
        }
        return LocalDate.of(year, month, dom).toEpochDay();
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
