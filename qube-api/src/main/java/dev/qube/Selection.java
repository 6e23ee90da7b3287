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
    /** Per key, the kinds its values must read as to be selected (ranges, typed predicates); absent: any text. */
    private final Map<String, Set<Range.Kind>> kinds;
    /** Per key, how its condition was written ({@code 0/to/600}), for messages. */
    private final Map<String, String> texts;
    private final String text;

    private Selection(Map<String, Predicate<String>> filters, Map<String, Set<Range.Kind>> kinds,
            Map<String, String> texts, String text) {
        this.filters = filters;
        this.kinds = kinds;
        this.texts = texts;
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
        Map<String, Integer> columnOfKey = new java.util.HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int eq = Text.indexOfUnescaped(item, '=');
            int column = starts.get(i) + 1;
            if (eq <= 0 || eq == item.length() - 1) {
                throw new QubeFormatException("<selection>", 1, eq <= 0 ? column : column + eq + 1,
                        "expected key=value[/value...], found '" + item + "'");
            }
            String key = Text.unescape(item.substring(0, eq));
            Integer first = columnOfKey.putIfAbsent(key, column);
            if (first != null) {
                throw new QubeFormatException("<selection>", 1, column, "key '" + key + "' is selected twice (first at column "
                        + first + "); list all its values once, as " + key + "=v1/v2");
            }
            List<Integer> tokenStarts = new ArrayList<>();
            String valuesText = item.substring(eq + 1);
            List<String> raw = Text.split(valuesText, '/', tokenStarts);
            int base = column + eq + 1; // the column of the values' first character
            try {
                Set<Range.Kind> kinds = java.util.EnumSet.noneOf(Range.Kind.class);
                b.matching(key, valuesOf(raw, tokenStarts, base, kinds));
                b.typed(key, kinds, valuesText.strip());
            } catch (BadToken e) {
                throw new QubeFormatException("<selection>", 1, e.column, e.getMessage() + " in '" + item + "'");
            } catch (IllegalArgumentException e) {
                throw new QubeFormatException("<selection>", 1, column, e.getMessage() + " in '" + item + "'");
            }
        }
        Selection s = b.build();
        return new Selection(s.filters, s.kinds, s.texts, text);
    }

    /** A problem with one token of a parsed value list, at a column of the selection text. */
    private static final class BadToken extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int column;

        BadToken(String message, int column) {
            super(message);
            this.column = column;
        }
    }

    private static boolean keyword(String raw, String word) {
        return raw.equalsIgnoreCase(word); // an escaped keyword (t\o) is a plain value
    }

    /**
     * The predicate of one parsed value list: plain values, ranges and {@code *}; adds the kinds of
     * its ranges to {@code kinds}. {@code starts} are the tokens' offsets, {@code base} the column of
     * offset 0, for errors.
     */
    private static Predicate<String> valuesOf(List<String> raw, List<Integer> starts, int base, Set<Range.Kind> kinds) {
        Set<String> plain = new java.util.HashSet<>();
        List<Range> ranges = new ArrayList<>();
        boolean any = false;
        int n = raw.size();
        for (int i = 0; i < n; ) {
            String v = raw.get(i);
            int col = base + starts.get(i);
            if (v.equals("*")) {
                any = true;
                i++;
                continue;
            }
            if (keyword(v, "to") || keyword(v, "by")) {
                throw new BadToken("'" + v + "' must follow a value (from/to/end[/by/step])", col);
            }
            if (i + 1 < n && keyword(raw.get(i + 1), "to")) {
                if (i + 2 >= n || keyword(raw.get(i + 2), "to") || keyword(raw.get(i + 2), "by")) {
                    throw new BadToken("expected the end of the range after '" + v + "/to'",
                            i + 2 < n ? base + starts.get(i + 2) : base + starts.get(i + 1) + raw.get(i + 1).length());
                }
                String end = raw.get(i + 2);
                String step = null;
                i += 3;
                if (i < n && keyword(raw.get(i), "by")) {
                    if (i + 1 >= n || keyword(raw.get(i + 1), "to") || keyword(raw.get(i + 1), "by")) {
                        throw new BadToken("expected a step after 'by'",
                                i + 1 < n ? base + starts.get(i + 1) : base + starts.get(i) + raw.get(i).length());
                    }
                    step = Text.unescape(raw.get(i + 1));
                    i += 2;
                }
                try {
                    Range r = Range.of(Text.unescape(v), Text.unescape(end), step);
                    ranges.add(r);
                    kinds.add(r.kind());
                } catch (IllegalArgumentException e) {
                    throw new BadToken(e.getMessage(), col);
                }
            } else {
                plain.add(Text.unescape(v));
                i++;
            }
        }
        if (any) {
            kinds.clear(); // '*' selects every value, whatever its kind
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

    /** A builder of selections in code (predicates, typed ranges). */
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

    /**
     * The kinds ({@code integer}, {@code date}, {@code time}) a value of {@code key} must read as
     * to be selected: the kinds of its ranges and typed conditions; empty when any text may match.
     */
    Set<String> kindsOf(String key) {
        Set<Range.Kind> k = kinds.get(key);
        if (k == null || k.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        k.forEach(x -> names.add(x.name().toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    /** Whether {@code value} reads as one of {@code kinds} (names as in {@link #kindsOf}). */
    static boolean readsAs(String value, Set<String> kinds) {
        for (String k : kinds) {
            if (Range.Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT)).reads(value)) {
                return true;
            }
        }
        return false;
    }

    /** How the condition on {@code key} was written ({@code key=0/to/600}), for messages. */
    String conditionText(String key) {
        String t = texts.get(key);
        return t != null ? key + "=" + t : key;
    }

    @Override
    public String toString() {
        return text != null ? text : "Selection" + filters.keySet();
    }

    /**
     * Builds a {@link Selection}. A key given twice to a builder must satisfy both conditions
     * ({@code integers("step", x -> x > 0).integers("step", x -> x < 48)}); in the text form of
     * {@link Selection#parse} a key given twice is an error instead, since {@code param=167,param=168}
     * could only select nothing.
     */
    public static final class Builder {
        private final Map<String, Predicate<String>> filters = new LinkedHashMap<>();
        private final Map<String, Set<Range.Kind>> kinds = new java.util.HashMap<>();
        private final Map<String, String> texts = new java.util.HashMap<>();

        private Builder() {
        }

        /** Selects these values of {@code key}. */
        public Builder values(String key, Collection<String> values) {
            Set<String> set = Set.copyOf(values);
            return matching(key, set::contains).typed(key, Set.of(), String.join("/", values));
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
            Range r = Range.of(from, to, null);
            return matching(key, r).typed(key, Set.of(r.kind()), r.text());
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
            Range r = Range.of(from, to, Objects.requireNonNull(step, "step"));
            return matching(key, r).typed(key, Set.of(r.kind()), r.text());
        }

        /** Selects the values of {@code key} that are canonical integers (within {@code long}) passing {@code test}. */
        public Builder integers(String key, LongPredicate test) {
            Objects.requireNonNull(test, "test");
            return matching(key, v -> {
                long x = Typed.integer(v);
                return x != Typed.NONE && test.test(x);
            }).typed(key, Set.of(Range.Kind.INTEGER), "<integers>");
        }

        /** Selects the values of {@code key} that are dates ({@code yyyymmdd} or {@code yyyy-mm-dd}) passing {@code test}. */
        public Builder dates(String key, Predicate<? super LocalDate> test) {
            Objects.requireNonNull(test, "test");
            return matching(key, v -> {
                long d = Typed.epochDay(v);
                return d != Typed.NONE && test.test(LocalDate.ofEpochDay(d));
            }).typed(key, Set.of(Range.Kind.DATE), "<dates>");
        }

        /** Selects the values of {@code key} that are times ({@code hhmm}, {@code hh:mm}, {@code hh:mm:ss}) passing {@code test}. */
        public Builder times(String key, Predicate<? super LocalTime> test) {
            Objects.requireNonNull(test, "test");
            return matching(key, v -> {
                long s = Typed.secondOfDay(v);
                return s != Typed.NONE && test.test(LocalTime.ofSecondOfDay(s));
            }).typed(key, Set.of(Range.Kind.TIME), "<times>");
        }

        /** Selects the values of {@code key} that pass {@code test}. */
        public Builder matching(String key, Predicate<String> test) {
            Text.checkKey(key);
            filters.merge(key, test, Predicate::and);
            return this;
        }

        /** Records that values of {@code key} must read as one of {@code k} (after {@link #matching}). */
        private Builder typed(String key, Set<Range.Kind> k, String written) {
            if (!k.isEmpty()) {
                kinds.computeIfAbsent(key, x -> java.util.EnumSet.noneOf(Range.Kind.class)).addAll(k);
            }
            texts.merge(key, written, (a, b) -> a + " and " + b);
            return this;
        }

        /** The selection of the conditions given so far. */
        public Selection build() {
            Map<String, Set<Range.Kind>> k = new java.util.HashMap<>();
            kinds.forEach((key, v) -> k.put(key, java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(v))));
            return new Selection(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters)), k,
                    Map.copyOf(texts), null);
        }
    }
}
