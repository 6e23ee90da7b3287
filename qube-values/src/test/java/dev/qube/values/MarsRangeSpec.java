package dev.qube.values;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The meaning of a MARS range {@code from/to/end[/by/step]} in a selection, written out
 * independently of the library (regular expressions, {@link BigInteger} and {@code java.time}), as
 * the model that typed selections are checked against:
 * <ul>
 * <li>kind: two valid {@code yyyymmdd} dates make a date range; else two canonical integers within
 * {@code long} an integer range; else two dates ({@code yyyymmdd} or {@code yyyy-mm-dd}) a date
 * range; else two times ({@code hhmm}, {@code hh:mm}, {@code hh:mm:ss}) a time range; else no range;
 * <li>the start must not be after the end;
 * <li>step: a positive canonical integer (days for dates); for times 1-24 hours or a positive
 * duration written as a time; default 1 (one day, one hour);
 * <li>a value matches when it reads as the range's kind and equals {@code start + k * step} for some
 * {@code k >= 0}, not beyond the end.
 * </ul>
 */
final class MarsRangeSpec {
    private MarsRangeSpec() {
    }

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern COMPACT = Pattern.compile("[0-9]{8}");
    private static final Pattern ISO = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE + 1);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static Optional<BigInteger> integer(String s) {
        if (!INTEGER.matcher(s).matches() || s.equals("-0")) {
            return Optional.empty();
        }
        BigInteger v = new BigInteger(s);
        return v.compareTo(MIN) >= 0 && v.compareTo(MAX) <= 0 ? Optional.of(v) : Optional.empty();
    }

    static Optional<LocalDate> compactDate(String s) {
        if (!COMPACT.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s, COMPACT_DATE));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<LocalDate> date(String s) {
        if (ISO.matcher(s).matches()) {
            try {
                return Optional.of(LocalDate.parse(s, ISO_DATE));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return compactDate(s);
    }

    static Optional<LocalTime> time(String s) {
        String pattern = switch (s.length()) {
            case 4 -> "[0-9]{4}";
            case 5 -> "[0-9]{2}:[0-9]{2}";
            case 8 -> "[0-9]{2}:[0-9]{2}:[0-9]{2}";
            default -> null;
        };
        if (pattern == null || !s.matches(pattern)) {
            return Optional.empty();
        }
        String hms = s.length() == 4 ? s.substring(0, 2) + ":" + s.substring(2) : s;
        try {
            return Optional.of(LocalTime.parse(hms));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The predicate of the range, or empty when the texts do not make a valid range. */
    static Optional<Predicate<String>> range(String from, String to, String step) {
        if (compactDate(from).isPresent() && compactDate(to).isPresent()) {
            return dates(compactDate(from).get(), compactDate(to).get(), step);
        }
        if (integer(from).isPresent() && integer(to).isPresent()) {
            BigInteger a = integer(from).get();
            BigInteger b = integer(to).get();
            BigInteger s = step == null ? BigInteger.ONE : integer(step).orElse(BigInteger.ZERO);
            if (a.compareTo(b) > 0 || s.signum() <= 0) {
                return Optional.empty();
            }
            return Optional.of(v -> integer(v).map(x -> x.compareTo(a) >= 0 && x.compareTo(b) <= 0
                    && x.subtract(a).mod(s).signum() == 0).orElse(false));
        }
        if (date(from).isPresent() && date(to).isPresent()) {
            return dates(date(from).get(), date(to).get(), step);
        }
        if (time(from).isPresent() && time(to).isPresent()) {
            LocalTime a = time(from).get();
            LocalTime b = time(to).get();
            long s;
            if (step == null) {
                s = 3600;
            } else if (integer(step).isPresent()) {
                long h = integer(step).get().longValue();
                s = h >= 1 && h <= 24 ? h * 3600 : 0;
            } else {
                s = time(step).map(LocalTime::toSecondOfDay).orElse(0);
            }
            if (a.isAfter(b) || s <= 0) {
                return Optional.empty();
            }
            long step2 = s;
            return Optional.of(v -> time(v).map(x -> !x.isBefore(a) && !x.isAfter(b)
                    && ChronoUnit.SECONDS.between(a, x) % step2 == 0).orElse(false));
        }
        return Optional.empty();
    }

    private static Optional<Predicate<String>> dates(LocalDate a, LocalDate b, String step) {
        BigInteger s = step == null ? BigInteger.ONE : integer(step).orElse(BigInteger.ZERO);
        if (a.isAfter(b) || s.signum() <= 0) {
            return Optional.empty();
        }
        long days = s.longValueExact();
        return Optional.of(v -> date(v).map(x -> !x.isBefore(a) && !x.isAfter(b)
                && ChronoUnit.DAYS.between(a, x) % days == 0).orElse(false));
    }
}
