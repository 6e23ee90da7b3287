package dev.qube;

import dev.qube.internal.Text;
import dev.qube.internal.typed.Range;
import dev.qube.internal.typed.Typed;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Which values are selected, per key: a set of texts, {@code *} (any value), MARS ranges
 * ({@code 1/to/137}, {@code 20240101/to/20240131}, {@code 0/to/240/by/6}), or in code any
 * {@link Predicate}, including predicates on typed values ({@link Builder#integers},
 * {@link Builder#dates}, {@link Builder#times}). Typed matching never depends on which value codecs
 * are installed: a value matches by its text ({@code 0001} is not the integer 1). Used by {@link Qube#select(Selection, SelectMode)}; the mode says what happens
 * to identifiers that lack a selected key. Immutable.
 */
public final class Selection {

    private final Map<String, Predicate<String>> filters;
    private final String text;

    private Selection(Map<String, Predicate<String>> filters, String text) {
        this.filters = filters;
        this.text = text;
    }

    /**
     * Parses {@code k=v1/v2,k2=v3}. A value {@code *} selects every value of its key. MARS ranges
     * {@code from/to/end} and {@code from/to/end/by/step} (keywords in either case) select values
     * of the range's kind on its grid: {@code date=20240101/to/20240131},
     * {@code step=0/to/240/by/6}, {@code levelist=1/to/137}, {@code date=1940-01-01/to/1940-01-31/by/2},
     * {@code time=0000/to/1800/by/6}; see {@link Builder#range(String, String, String, String)}.
     * Ranges and plain values mix in one list ({@code 1/to/10/20}). A keyword with an escaped letter
     * ({@code t\o}) is the plain value {@code to}.
     *
     * @throws QubeFormatException naming the column of the first error
     */
    public static Selection parse(String text) {
        Builder b = builder();
        List<Integer> starts = new ArrayList<>();
        List<String> items = Text.split(text, ',', starts);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int eq = Text.indexOfUnescaped(item, '=');
            int column = starts.get(i) + 1;
            if (eq <= 0 || eq == item.length() - 1) {
                throw new QubeFormatException("<selection>", 1, column,
                        "expected key=value[/value...], found '" + item + "'");
            }
            String key = Text.unescape(item.substring(0, eq));
            List<String> raw = Text.split(item.substring(eq + 1), '/', null);
            try {
                b.matching(key, valuesOf(raw));
            } catch (IllegalArgumentException e) {
                throw new QubeFormatException("<selection>", 1, column, e.getMessage() + " in '" + item + "'");
            }
        }
        Selection s = b.build();
        return new Selection(s.filters, text);
    }

    private static boolean keyword(String raw, String word) {
        return raw.equalsIgnoreCase(word); // an escaped keyword (t\o) is a plain value
    }

    /** The predicate of one parsed value list: plain values, ranges and {@code *}. */
    private static Predicate<String> valuesOf(List<String> raw) {
        Set<String> plain = new java.util.HashSet<>();
        List<Range> ranges = new ArrayList<>();
        boolean any = false;
        int n = raw.size();
        for (int i = 0; i < n; ) {
            String v = raw.get(i);
            if (v.equals("*")) {
                any = true;
                i++;
                continue;
            }
            if (keyword(v, "to") || keyword(v, "by")) {
                throw new IllegalArgumentException("'" + v + "' must follow a value (from/to/end[/by/step])");
            }
            if (i + 1 < n && keyword(raw.get(i + 1), "to")) {
                if (i + 2 >= n || keyword(raw.get(i + 2), "to") || keyword(raw.get(i + 2), "by")) {
                    throw new IllegalArgumentException("expected the end of the range after '" + v + "/to'");
                }
                String end = raw.get(i + 2);
                String step = null;
                i += 3;
                if (i < n && keyword(raw.get(i), "by")) {
                    if (i + 1 >= n || keyword(raw.get(i + 1), "to") || keyword(raw.get(i + 1), "by")) {
                        throw new IllegalArgumentException("expected a step after 'by'");
                    }
                    step = Text.unescape(raw.get(i + 1));
                    i += 2;
                }
                ranges.add(Range.of(Text.unescape(v), Text.unescape(end), step));
            } else {
                plain.add(Text.unescape(v));
                i++;
            }
        }
        if (any) {
            return x -> true;
        }
        if (ranges.isEmpty()) {
            return plain::contains;
        }
        Range[] rs = ranges.toArray(Range[]::new);
        return x -> {
            if (plain.contains(x)) {
                return true;
            }
            for (Range r : rs) {
                if (r.test(x)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** A selection of the given values per key. */
    public static Selection of(Map<String, ? extends Collection<String>> values) {
        Builder b = builder();
        values.forEach(b::values);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The selected keys, in the order given. */
    public Set<String> keys() {
        return filters.keySet();
    }

    /** Whether {@code value} is selected for {@code key} (false for a key that is not selected). */
    public boolean accepts(String key, String value) {
        Predicate<String> p = filters.get(key);
        return p != null && p.test(value);
    }

    @Override
    public String toString() {
        return text != null ? text : "Selection" + filters.keySet();
    }

    /** Builds a {@link Selection}; a key given twice must satisfy both conditions. */
    public static final class Builder {
        private final Map<String, Predicate<String>> filters = new LinkedHashMap<>();

        private Builder() {
        }

        /** Selects these values of {@code key}. */
        public Builder values(String key, Collection<String> values) {
            Set<String> set = Set.copyOf(values);
            return matching(key, set::contains);
        }

        /** Selects these values of {@code key}. */
        public Builder values(String key, String... values) {
            return values(key, List.of(values));
        }

        /**
         * Selects the values of {@code key} from {@code from} to {@code to} (both included), as
         * {@code from/to/to} in {@link Selection#parse}.
         *
         * @throws IllegalArgumentException when the ends are not two integers, dates or times, or
         *     the range is empty
         */
        public Builder range(String key, String from, String to) {
            return matching(key, Range.of(from, to, null));
        }

        /**
         * Selects the values of {@code key} on the grid {@code from, from + step, ...} up to
         * {@code to}, as {@code from/to/to/by/step} in {@link Selection#parse}. The range's kind
         * comes from its ends: two valid {@code yyyymmdd} dates make a date range (so
         * {@code 20240130/to/20240203/by/2} is 30 Jan, 1 Feb, 3 Feb); else two canonical integers an
         * integer range; else two dates ({@code yyyymmdd} or {@code yyyy-mm-dd}) a date range; else two
         * times ({@code hhmm}, {@code hh:mm}, {@code hh:mm:ss}) a time range. A value matches when it
         * reads as that kind and lies on the grid; a value of another kind never matches. The step
         * is an integer, a number of days, or for times a number of hours (1-24) or a duration
         * written as a time ({@code 0030}).
         *
         * @throws IllegalArgumentException when the ends or the step do not make a range
         */
        public Builder range(String key, String from, String to, String step) {
            return matching(key, Range.of(from, to, Objects.requireNonNull(step, "step")));
        }

        /** Selects the values of {@code key} that are canonical integers (within {@code long}) passing {@code test}. */
        public Builder integers(String key, LongPredicate test) {
            Objects.requireNonNull(test, "test");
            return matching(key, v -> {
                long x = Typed.integer(v);
                return x != Typed.NONE && test.test(x);
            });
        }

        /** Selects the values of {@code key} that are dates ({@code yyyymmdd} or {@code yyyy-mm-dd}) passing {@code test}. */
        public Builder dates(String key, Predicate<? super LocalDate> test) {
            Objects.requireNonNull(test, "test");
            return matching(key, v -> {
                long d = Typed.epochDay(v);
                return d != Typed.NONE && test.test(LocalDate.ofEpochDay(d));
            });
        }

        /** Selects the values of {@code key} that are times ({@code hhmm}, {@code hh:mm}, {@code hh:mm:ss}) passing {@code test}. */
        public Builder times(String key, Predicate<? super LocalTime> test) {
            Objects.requireNonNull(test, "test");
            return matching(key, v -> {
                long s = Typed.secondOfDay(v);
                return s != Typed.NONE && test.test(LocalTime.ofSecondOfDay(s));
            });
        }

        /** Selects the values of {@code key} that pass {@code test}. */
        public Builder matching(String key, Predicate<String> test) {
            Text.checkKey(key);
            filters.merge(key, test, Predicate::and);
            return this;
        }

        public Selection build() {
            return new Selection(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters)), null);
        }
    }
}
