package dev.qube.internal.typed;

import java.util.function.Predicate;

/**
 * A MARS-style range {@code from/to/end[/by/step]} as a predicate on value texts. Its kind comes
 * from its ends: two valid {@code yyyymmdd} dates make a date range; else two canonical integers an
 * integer range; else two dates ({@code yyyymmdd} or ISO) a date range; else two times
 * ({@code hhmm}, {@code hh:mm}, {@code hh:mm:ss}) a time range. A value matches when it reads as
 * the same kind and lies on the grid {@code from + k * step} between the ends; a value of another
 * kind never matches. Steps count integers, days, or for times hours (a canonical integer) or a
 * duration written as a time ({@code 0030}, {@code 00:30}).
 */
public record Range(Kind kind, long from, long to, long step, String text) implements Predicate<String> {

    /** Checks that the range is not empty and its step positive. */
    public Range {
        if (from > to || step <= 0) {
            throw new IllegalArgumentException("not a range: " + text);
        }
    }

    /** The kind of a range and of the values it can match. */
    public enum Kind {
        INTEGER, DATE, TIME;

        /** Whether {@code s} reads as a value of this kind. */
        public boolean reads(String s) {
            return read(s) != Typed.NONE;
        }

        long read(String s) {
            return switch (this) {
                case INTEGER -> Typed.integer(s);
                case DATE -> Typed.epochDay(s);
                case TIME -> Typed.secondOfDay(s);
            };
        }
    }

    /**
     * The range from {@code from} to {@code to} (both included) by {@code step} (null: 1, one day,
     * one hour).
     *
     * @throws IllegalArgumentException saying what is wrong with the ends or the step
     */
    public static Range of(String from, String to, String step) {
        String text = from + "/to/" + to + (step == null ? "" : "/by/" + step);
        Kind kind;
        if (Typed.isCompactDate(from) && Typed.isCompactDate(to)) {
            kind = Kind.DATE;
        } else if (Typed.integer(from) != Typed.NONE && Typed.integer(to) != Typed.NONE) {
            kind = Kind.INTEGER;
        } else if (Typed.epochDay(from) != Typed.NONE && Typed.epochDay(to) != Typed.NONE) {
            kind = Kind.DATE;
        } else if (Typed.secondOfDay(from) != Typed.NONE && Typed.secondOfDay(to) != Typed.NONE) {
            kind = Kind.TIME;
        } else {
            throw new IllegalArgumentException("the range '" + text
                    + "' needs two integers, two dates (yyyymmdd or yyyy-mm-dd) or two times (hhmm, hh:mm, hh:mm:ss)");
        }
        long a = kind.read(from);
        long b = kind.read(to);
        if (a > b) {
            throw new IllegalArgumentException("the range '" + text + "' ends before it starts");
        }
        long s = step == null ? (kind == Kind.TIME ? 3600 : 1) : step(kind, step, text);
        return new Range(kind, a, b, s, text);
    }

    private static long step(Kind kind, String step, String text) {
        long s = Typed.integer(step);
        if (kind == Kind.TIME) {
            if (s != Typed.NONE) {
                s = s > 0 && s <= 24 ? s * 3600 : -1;
            } else {
                s = Typed.secondOfDay(step);
            }
        }
        if (s == Typed.NONE || s <= 0) {
            throw new IllegalArgumentException("the step of '" + text + "' must be a positive "
                    + switch (kind) {
                        case INTEGER -> "integer";
                        case DATE -> "number of days";
                        case TIME -> "number of hours (1-24) or a duration hhmm / hh:mm[:ss]";
                    });
        }
        return s;
    }

    @Override
    public boolean test(String value) {
        long v = kind.read(value);
        // from <= v <= to, so v - from fits in an unsigned long
        return v != Typed.NONE && v >= from && v <= to && Long.remainderUnsigned(v - from, step) == 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
