package dev.qube;

import dev.qube.internal.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which values are selected, per key: a set of texts, {@code *} (any value), or in code any
 * {@link Predicate}. Used by {@link Qube#select(Selection, SelectMode)}; the mode says what happens
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
     * Parses {@code k=v1/v2,k2=v3}; a value {@code *} selects every value of its key.
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
            if (eq <= 0 || eq == item.length() - 1) {
                throw new QubeFormatException("<selection>", 1, starts.get(i) + 1,
                        "expected key=value[/value...], found '" + item + "'");
            }
            String key = Text.unescape(item.substring(0, eq));
            List<String> values = new ArrayList<>();
            for (String v : Text.split(item.substring(eq + 1), '/', null)) {
                values.add(Text.unescape(v));
            }
            if (values.contains("*") && !item.substring(eq + 1).contains("\\*")) {
                b.matching(key, v -> true);
            } else {
                b.values(key, values);
            }
        }
        Selection s = b.build();
        return new Selection(s.filters, text);
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
