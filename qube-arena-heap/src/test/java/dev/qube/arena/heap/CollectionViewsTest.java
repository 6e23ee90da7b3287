package dev.qube.arena.heap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestMapGenerator;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * The public {@link java.util.Collection} and {@link Map} views, checked with guava-testlib's
 * collection suites: {@link Qube#keys()}, {@link Qube#axes()} and {@link Datacube#axes()} are
 * read-only, ordered as documented, and behave as sets and maps in every respect (equality,
 * hashing, iteration, containment, null queries, and every mutator refused).
 */
class CollectionViewsTest {

    /** Runs a guava-testlib (JUnit 3) suite and fails with its failures, if any. */
    private static void run(TestSuite suite) {
        TestResult result = new TestResult();
        suite.run(result);
        List<String> problems = new ArrayList<>();
        result.failures().asIterator().forEachRemaining(f -> problems.add(f.toString()));
        result.errors().asIterator().forEachRemaining(f -> problems.add(f.toString()));
        assertTrue(result.runCount() > 50, () -> "the suite ran only " + result.runCount() + " tests");
        assertTrue(problems.isEmpty(), () -> problems.size() + " of " + result.runCount() + " failed:\n  "
                + String.join("\n  ", problems));
    }

    private static int compareCodePoints(String a, String b) {
        return dev.qube.ValueOrder.compareCodePoints(a, b);
    }

    @Test
    void keysIsAReadOnlySetInCodePointOrder() {
        run(SetTestSuiteBuilder.using(new TestStringSetGenerator() {
                    @Override
                    protected Set<String> create(String[] elements) {
                        QubeBuilder b = Qube.builder();
                        for (String k : elements) {
                            b.add(List.of(Map.entry(k, "1"))); // a null key is refused, as Map.entry does
                        }
                        return b.build().keys();
                    }

                    @Override
                    public List<String> order(List<String> insertionOrder) {
                        List<String> sorted = new ArrayList<>(insertionOrder);
                        sorted.sort(CollectionViewsTest::compareCodePoints);
                        return sorted;
                    }
                })
                .named("Qube.keys")
                .withFeatures(CollectionSize.ANY, CollectionFeature.KNOWN_ORDER, CollectionFeature.ALLOWS_NULL_QUERIES)
                .createTestSuite());
    }

    /** A map generator over five sample entries, whose map is made by {@code make} from the entries given. */
    private abstract static class Generator implements TestMapGenerator<String, Object> {
        private final List<Map.Entry<String, Object>> samples;

        Generator(List<Map.Entry<String, Object>> samples) {
            this.samples = samples;
        }

        @Override
        public SampleElements<Map.Entry<String, Object>> samples() {
            return new SampleElements<>(samples.get(0), samples.get(1), samples.get(2), samples.get(3), samples.get(4));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map.Entry<String, Object>[] createArray(int length) {
            return (Map.Entry<String, Object>[]) new Map.Entry<?, ?>[length];
        }

        @Override
        public String[] createKeyArray(int length) {
            return new String[length];
        }

        @Override
        public Object[] createValueArray(int length) {
            return new Object[length];
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> create(Object... entries) {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            for (Object e : entries) {
                Map.Entry<String, Object> x = (Map.Entry<String, Object>) e;
                m.put(x.getKey(), x.getValue());
            }
            return make(m);
        }

        abstract Map<String, Object> make(LinkedHashMap<String, Object> entries);
    }

    private static SortedSet<String> values(String... v) {
        TreeSet<String> s = new TreeSet<>(dev.qube.ValueOrder.INSTANCE);
        s.addAll(Arrays.asList(v));
        return s;
    }

    @Test
    @SuppressWarnings("unchecked")
    void axesIsAReadOnlyMapInKeyOrder() {
        List<Map.Entry<String, Object>> samples = List.of(Map.entry("class", values("od", "rd")), Map.entry("date", values("20240101")),
                Map.entry("expver", values("0001", "1")), Map.entry("param", values("1", "2", "167")), Map.entry("time", values("0000")));
        run(MapTestSuiteBuilder.using(new Generator(samples) {
                    @Override
                    Map<String, Object> make(LinkedHashMap<String, Object> entries) {
                        QubeBuilder b = Qube.builder();
                        entries.forEach((k, vs) -> ((Set<String>) vs).forEach(v -> b.add(List.of(Map.entry(k, v)))));
                        return (Map<String, Object>) (Map<String, ?>) b.build().axes();
                    }

                    @Override
                    public Iterable<Map.Entry<String, Object>> order(List<Map.Entry<String, Object>> insertionOrder) {
                        List<Map.Entry<String, Object>> sorted = new ArrayList<>(insertionOrder);
                        sorted.sort(Comparator.comparing(Map.Entry::getKey, CollectionViewsTest::compareCodePoints));
                        return sorted;
                    }
                })
                .named("Qube.axes")
                .withFeatures(CollectionSize.ANY, CollectionFeature.KNOWN_ORDER, MapFeature.ALLOWS_ANY_NULL_QUERIES)
                .createTestSuite());
    }

    @Test
    @SuppressWarnings("unchecked")
    void datacubeAxesIsAReadOnlyMapInPathOrder() {
        List<Map.Entry<String, Object>> samples = List.of(Map.entry("param", List.of("1", "167")), Map.entry("class", List.of("od")),
                Map.entry("step", List.of("0", "6", "12")), Map.entry("date", List.of("20240101")), Map.entry("a", List.of("x")));
        run(MapTestSuiteBuilder.using(new Generator(samples) {
                    @Override
                    Map<String, Object> make(LinkedHashMap<String, Object> entries) {
                        if (entries.isEmpty()) {
                            return Map.of(); // a datacube has at least one key: the empty case is not a datacube's
                        }
                        LinkedHashMap<String, List<String>> axes = new LinkedHashMap<>();
                        entries.forEach((k, v) -> axes.put(k, (List<String>) v));
                        return (Map<String, Object>) (Map<String, ?>) Datacube.of(axes).axes();
                    }

                    @Override
                    public Iterable<Map.Entry<String, Object>> order(List<Map.Entry<String, Object>> insertionOrder) {
                        return insertionOrder;
                    }
                })
                .named("Datacube.axes")
                .withFeatures(CollectionSize.SEVERAL, CollectionSize.ONE, CollectionFeature.KNOWN_ORDER,
                        MapFeature.ALLOWS_ANY_NULL_QUERIES)
                .createTestSuite());
    }
}
