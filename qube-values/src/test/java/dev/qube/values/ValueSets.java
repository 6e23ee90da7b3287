package dev.qube.values;

import dev.qube.ValueOrder;
import dev.qube.tests.property.Gen;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generators of value sets shaped like real coordinates, so that every codec is really used:
 * integers (small, spread, near the ends of {@code long}), unions of arithmetic progressions, runs
 * of days as {@code yyyymmdd} and ISO dates across month, year and leap-day ends, times
 * ({@code hhmm}, {@code hh:mm:ss}), ISO date-times, decimal texts (canonical and not), and mixtures
 * with look-alikes ({@code 01}, {@code 1.0}, {@code -0}, texts).
 */
final class ValueSets {
    private ValueSets() {
    }

    static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    static final List<String> LOOK_ALIKES = List.of("01", "001", "1.0", "-0", "+1", "0001", "abc", "0600", "06:00:00",
            "2024-02-30", "20240230", "99999999999999999999", "-9223372036854775808", "9223372036854775807", "é", "0.50");

    /** A non-empty value set: distinct texts in canonical order. */
    static Gen<List<String>> valueSets() {
        return new Gen<>() {
            @Override
            public List<String> next(SplittableRandom r, int size) {
                return valueSet(r, size, r.nextInt(FAMILIES));
            }

            @Override
            public Stream<List<String>> shrink(List<String> v) {
                if (v.size() < 2) {
                    return Stream.empty();
                }
                Stream<List<String>> halves = Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()));
                Stream<List<String>> dropOne = IntStream.range(0, v.size()).mapToObj(i -> {
                    List<String> x = new ArrayList<>(v);
                    x.remove(i);
                    return List.copyOf(x);
                });
                return Stream.concat(halves, dropOne);
            }

            @Override
            public String show(List<String> v) {
                return v.stream().collect(Collectors.joining("/", "[", "]"));
            }
        };
    }

    /** How many families of values there are; {@link #valueSet} takes one of them. */
    static final int FAMILIES = 11;

    /** A value set mostly of the given family. */
    static List<String> valueSet(SplittableRandom r, int size, int family) {
        TreeSet<String> out = new TreeSet<>(ValueOrder.INSTANCE);
        family(r, size, out, family);
        if (r.nextInt(4) == 0) {
            family(r, size, out, r.nextInt(FAMILIES));
        }
        if (r.nextInt(6) == 0) {
            out.add(LOOK_ALIKES.get(r.nextInt(LOOK_ALIKES.size())));
        }
        if (out.isEmpty()) {
            out.add("1");
        }
        return List.copyOf(out);
    }

    /** Two value sets, often of the same family so that they overlap. */
    static Gen<List<List<String>>> pairs() {
        Gen<List<String>> one = valueSets();
        return new Gen<>() {
            @Override
            public List<List<String>> next(SplittableRandom r, int size) {
                int family = r.nextInt(FAMILIES);
                List<String> a = valueSet(r.split(), size, family);
                List<String> b = valueSet(r.split(), size, r.nextInt(4) == 0 ? r.nextInt(FAMILIES) : family);
                if (r.nextInt(3) == 0) { // a subset of a
                    b = a.stream().filter(x -> r.nextInt(3) != 0).toList();
                    if (b.isEmpty()) {
                        b = List.of(a.get(0));
                    }
                }
                return List.of(a, b);
            }

            @Override
            public Stream<List<List<String>>> shrink(List<List<String>> v) {
                return Stream.concat(one.shrink(v.get(0)).map(s -> List.of(s, v.get(1))),
                        one.shrink(v.get(1)).map(s -> List.of(v.get(0), s)));
            }

            @Override
            public String show(List<List<String>> v) {
                return one.show(v.get(0)) + " and " + one.show(v.get(1));
            }
        };
    }

    private static void family(SplittableRandom r, int size, TreeSet<String> out, int family) {
        int n = 1 + r.nextInt(2 + size * 4);
        switch (family) {
            case 0 -> { // small integers
                for (int i = 0; i < n; i++) {
                    out.add(Integer.toString(r.nextInt(-20, 200)));
                }
            }
            case 1 -> { // spread integers, sometimes near the ends of long
                for (int i = 0; i < n; i++) {
                    long v = switch (r.nextInt(4)) {
                        case 0 -> Long.MAX_VALUE - r.nextInt(5);
                        case 1 -> Long.MIN_VALUE + 1 + r.nextInt(5);
                        case 2 -> r.nextLong(1_000_000_000_000L);
                        default -> r.nextInt(300_000);
                    };
                    out.add(Long.toString(v));
                }
            }
            case 2 -> { // unions of arithmetic progressions: 1/to/137, 0/to/240/by/6
                int runs = 1 + r.nextInt(3);
                for (int k = 0; k < runs; k++) {
                    long start = r.nextInt(-50, 1000);
                    int step = 1 + r.nextInt(12);
                    int count = 1 + r.nextInt(1 + size * 5);
                    for (int i = 0; i < count; i++) {
                        out.add(Long.toString(start + (long) i * step));
                    }
                }
            }
            case 3, 4 -> { // runs of days, compact or ISO
                boolean iso = r.nextBoolean();
                // years up to 8999: a run of days from late 9999 would reach year 10000, which yyyymmdd cannot print
                LocalDate d = LocalDate.of(1000 + r.nextInt(8000), 1 + r.nextInt(12), 1).plusDays(r.nextInt(-40, 40));
                if (r.nextBoolean()) {
                    d = LocalDate.of(2024, 2, 20 + r.nextInt(9)); // across a leap day
                }
                int step = r.nextInt(3) == 0 ? 1 + r.nextInt(7) : 1;
                for (int i = 0; i < n; i++) {
                    if (r.nextInt(10) != 0) {
                        out.add(iso ? d.toString() : d.format(COMPACT));
                    }
                    d = d.plusDays(step);
                }
            }
            case 5 -> { // times hhmm, every few hours or minutes
                int step = r.nextBoolean() ? 60 * (1 + r.nextInt(6)) : 1 + r.nextInt(90);
                int start = r.nextInt(24 * 60);
                for (int i = 0, m = start; i < n && m < 24 * 60; i++, m += step) {
                    out.add(String.format("%02d%02d", m / 60, m % 60));
                }
            }
            case 6 -> { // times hh:mm:ss
                int step = 60 * (1 + r.nextInt(180));
                for (int i = 0, s = r.nextInt(3600); i < n && s < 86400; i++, s += step) {
                    out.add(String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60));
                }
            }
            case 7 -> { // ISO date-times every few hours
                LocalDateTime t = LocalDateTime.of(1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), 0);
                int hours = 1 + r.nextInt(12);
                for (int i = 0; i < n; i++) {
                    out.add(t.format(DATE_TIME));
                    t = t.plusHours(hours);
                }
            }
            case 8 -> { // decimals: float texts, double texts, and texts that are not canonical
                for (int i = 0; i < n; i++) {
                    out.add(switch (r.nextInt(4)) {
                        case 0 -> Float.toString(r.nextInt(-400, 400) / 8f);
                        case 1 -> Double.toString(r.nextDouble() * 1000);
                        case 2 -> Double.toString(r.nextInt(1, 1000) * 1e-7);
                        default -> Float.toString((float) r.nextDouble());
                    });
                }
            }
            case 9 -> { // two-digit hours, the example codec's values
                for (int i = 0; i < n; i++) {
                    out.add(String.format("%02d", r.nextInt(24)));
                }
            }
            default -> { // anything: look-alikes and texts with small integers
                for (int i = 0; i < Math.min(n, 6); i++) {
                    out.add(r.nextBoolean() ? LOOK_ALIKES.get(r.nextInt(LOOK_ALIKES.size())) : Integer.toString(r.nextInt(12)));
                }
            }
        }
    }
}
