package dev.qube.values;

/**
 * A family of texts that read as numbers ("keys") exactly: every text of the kind has one key,
 * {@link #text} gives the text back, and for two texts of one kind the order of their keys is their
 * canonical order ({@link dev.qube.ValueOrder}). So a sorted list of keys is a value set in
 * canonical order, and two such lists partition by a merge on numbers.
 *
 * <p>The ordinal is written into encoded payloads: append new kinds, never reorder.
 */
enum Kind {
    /** Canonical integers ({@code 0}, {@code -5}, {@code 167}) within {@code long}, except its minimum. */
    INTEGER,
    /** Valid dates {@code yyyymmdd}, years 1000-9999 (so each is a canonical integer); key: epoch day. */
    YYYYMMDD,
    /** Valid dates {@code yyyy-mm-dd}; key: epoch day. */
    ISO_DATE,
    /**
     * Times {@code hhmm}; key: minutes of the day, plus one day for hours below 10, because
     * {@code 1000}-{@code 2359} are canonical integers and sort before {@code 0000}-{@code 0959}.
     */
    HHMM,
    /** Times {@code hh:mm:ss}; key: seconds of the day. */
    HH_MM_SS,
    /** Date-times {@code yyyy-mm-ddThh:mm:ss}; key: epoch seconds. */
    ISO_DATETIME;

    /** The key of a text that is not of the kind. No kind ever uses it as a key. */
    static final long NONE = Long.MIN_VALUE;

    private static final Kind[] ALL = values();
    private static final int DAY_MINUTES = 24 * 60;
    private static final int DAY_SECONDS = 24 * 3600;

    static Kind of(int ordinal) {
        if (ordinal < 0 || ordinal >= ALL.length) {
            throw new IllegalStateException("unknown value kind " + ordinal + " in an encoded value set");
        }
        return ALL[ordinal];
    }

    /** The key of {@code s}, or {@link #NONE} when {@code s} is not of this kind. Allocation-free. */
    long key(String s) {
        return switch (this) {
            case INTEGER -> integer(s);
            case YYYYMMDD -> s.length() == 8 && s.charAt(0) != '0' ? day(s, 0, 4, 6) : NONE;
            case ISO_DATE -> s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' ? day(s, 0, 5, 8) : NONE;
            case HHMM -> hhmm(s);
            case HH_MM_SS -> s.length() == 8 ? seconds(s, 0) : NONE;
            case ISO_DATETIME -> dateTime(s);
        };
    }

    /**
     * The key of the text of the canonical integer {@code v} ({@code Long.toString(v)}), or
     * {@link #NONE} when that text is not of this kind: {@link #key} without reading the text.
     * Only {@link #YYYYMMDD} and {@link #HHMM} have texts that are canonical integers besides
     * {@link #INTEGER}.
     */
    long keyOfInteger(long v) {
        return switch (this) {
            case INTEGER -> v == NONE ? NONE : v;
            case YYYYMMDD -> v >= 10_000_000 && v <= 99_999_999 ? day((int) (v / 10_000), (int) (v / 100 % 100), (int) (v % 100)) : NONE;
            case HHMM -> v >= 1000 && v <= 2359 && v % 100 <= 59 ? v / 100 * 60 + v % 100 : NONE;
            case ISO_DATE, HH_MM_SS, ISO_DATETIME -> NONE;
        };
    }

    /** The text of {@code key}, which is a key of this kind. */
    String text(long key) {
        char[] c;
        switch (this) {
            case INTEGER -> {
                return Long.toString(key);
            }
            case YYYYMMDD -> {
                c = new char[8];
                putDate(c, 0, key, false);
            }
            case ISO_DATE -> {
                c = new char[10];
                putDate(c, 0, key, true);
            }
            case HHMM -> {
                long m = key >= DAY_MINUTES ? key - DAY_MINUTES : key;
                c = new char[4];
                put2(c, 0, (int) (m / 60));
                put2(c, 2, (int) (m % 60));
            }
            case HH_MM_SS -> {
                c = new char[8];
                putTime(c, 0, (int) key);
            }
            case ISO_DATETIME -> {
                c = new char[19];
                long day = Math.floorDiv(key, DAY_SECONDS);
                putDate(c, 0, day, true);
                c[10] = 'T';
                putTime(c, 11, (int) Math.floorMod(key, DAY_SECONDS));
            }
            default -> throw new AssertionError(this);
        }
        return new String(c);
    }

    // ---------------------------------------------------------------- parsing

    private static long integer(String s) {
        int n = s.length();
        if (n == 0 || n > 20 || !dev.qube.ValueOrder.isCanonicalInteger(s)) {
            return NONE;
        }
        boolean neg = s.charAt(0) == '-';
        long v = 0; // accumulated negatively, so that the whole range fits
        for (int i = neg ? 1 : 0; i < n; i++) {
            int d = s.charAt(i) - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return NONE;
            }
            v = v * 10 - d;
        }
        if (neg) {
            return v == Long.MIN_VALUE ? NONE : v;
        }
        return v == Long.MIN_VALUE ? NONE : -v;
    }

    /** Digits {@code s[at, at+len)} as a number, or -1 if any is not a digit. */
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

    private static long day(String s, int y, int m, int d) {
        return day(digits(s, y, 4), digits(s, m, 2), digits(s, d, 2));
    }

    private static long day(int year, int month, int dom) {
        if (year < 0 || month < 1 || month > 12 || dom < 1 || dom > monthLength(year, month)) {
            return NONE;
        }
        return epochDay(year, month, dom);
    }

    private static long hhmm(String s) {
        if (s.length() != 4) {
            return NONE;
        }
        int h = digits(s, 0, 2);
        int m = digits(s, 2, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59) {
            return NONE;
        }
        long minutes = h * 60L + m;
        return h < 10 ? minutes + DAY_MINUTES : minutes;
    }

    private static long seconds(String s, int at) {
        if (s.charAt(at + 2) != ':' || s.charAt(at + 5) != ':') {
            return NONE;
        }
        int h = digits(s, at, 2);
        int m = digits(s, at + 3, 2);
        int sec = digits(s, at + 6, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return NONE;
        }
        return h * 3600L + m * 60L + sec;
    }

    private static long dateTime(String s) {
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T') {
            return NONE;
        }
        long day = day(s, 0, 5, 8);
        long sec = seconds(s, 11);
        return day == NONE || sec == NONE ? NONE : day * DAY_SECONDS + sec;
    }

    private static boolean leap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (years 0-9999). */
    static long epochDay(int year, int month, int dom) {
        // days from civil (proleptic Gregorian), the arithmetic of LocalDate.toEpochDay without the object
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dom - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    // ---------------------------------------------------------------- formatting

    private static void putDate(char[] c, int at, long epochDay, boolean iso) {
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(epochDay);
        int y = d.getYear();
        c[at] = (char) ('0' + y / 1000);
        c[at + 1] = (char) ('0' + y / 100 % 10);
        put2(c, at + 2, y % 100);
        int p = at + 4;
        if (iso) {
            c[p++] = '-';
        }
        put2(c, p, d.getMonthValue());
        p += 2;
        if (iso) {
            c[p++] = '-';
        }
        put2(c, p, d.getDayOfMonth());
    }

    private static void putTime(char[] c, int at, int seconds) {
        put2(c, at, seconds / 3600);
        c[at + 2] = ':';
        put2(c, at + 3, seconds / 60 % 60);
        c[at + 5] = ':';
        put2(c, at + 6, seconds % 60);
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
