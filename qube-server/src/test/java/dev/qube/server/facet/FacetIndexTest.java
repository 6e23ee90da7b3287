package dev.qube.server.facet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeIO;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.tests.QubeArbitraries;
import dev.qube.tests.property.Property;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The facet index answers exactly what the engine's select answers: count, per-value counts, the
 * faceted counts of selected keys (under the rest of the selection) and the next keys, in every
 * mode, on random identifier sets (against the identifiers of the engine's result) and on real
 * catalogues.
 */
class FacetIndexTest {

    /** What the index must answer, computed from the identifiers of the engine's select. */
    private static Map<String, Map<String, Long>> axesOf(Qube selected) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        selected.identifiers().forEach(id -> id.pairs().forEach(p ->
                out.computeIfAbsent(p.getKey(), k -> new TreeMap<>()).merge(p.getValue(), 1L, Long::sum)));
        return out;
    }

    private static Map<String, Map<String, Long>> sorted(Map<String, Map<String, Long>> m) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    private static Set<String> nextKeys(Qube selected, Selection sel) {
        Set<String> out = new HashSet<>();
        selected.identifiers().forEach(id -> {
            for (Map.Entry<String, String> p : id.pairs()) {
                if (!sel.keys().contains(p.getKey())) {
                    out.add(p.getKey());
                    return;
                }
            }
        });
        return out;
    }

    private static Selection without(Map<String, List<String>> sel, String key) {
        Map<String, List<String>> m = new LinkedHashMap<>(sel);
        m.remove(key);
        return Selection.of(m);
    }

    private static void check(Qube q, FacetIndex ix, Map<String, List<String>> selMap, SelectMode mode) {
        Selection sel = Selection.of(selMap);
        Query query = ix.query(sel, mode);
        try (Qube r = q.select(sel, mode)) {
            assertEquals(r.count(), query.count(), "count, " + mode + " " + selMap);
            assertEquals(axesOf(r), sorted(query.axes()), "axes, " + mode + " " + selMap);
            Query.Facets f = query.facets();
            assertEquals(r.count(), f.count(), "facet count");
            assertEquals(nextKeys(r, sel), new HashSet<>(f.next()), "next keys, " + mode + " " + selMap);
            Map<String, Map<String, Long>> unselected = axesOf(r);
            unselected.keySet().removeAll(sel.keys());
            assertEquals(unselected, sorted(f.others()), "facets of unselected keys");
            for (String key : sel.keys()) {
                try (Qube rest = q.select(without(selMap, key), mode)) {
                    Map<String, Long> expected = axesOf(rest).getOrDefault(key, Map.of());
                    assertEquals(new TreeMap<>(expected), new TreeMap<>(f.selected().get(key)), "facet of selected key " + key);
                }
            }
        }
    }

    @Test
    void agreesWithTheEngineOnRandomSets() {
        Property.forAll("facets = engine select", QubeArbitraries.selected(), s -> {
            try (Qube q = Qube.of(s.identifiers())) {
                FacetIndex ix = FacetIndex.of(q);
                for (SelectMode mode : SelectMode.values()) {
                    check(q, ix, s.selection(), mode);
                }
                // the empty selection too
                check(q, ix, Map.of(), SelectMode.RELAXED);
            }
        });
    }

    @Test
    void identifiersEndingInsideTheTreeAreCounted() {
        try (Qube q = Qube.of("a=1", "a=1,b=2", "a=1,b=3,c=4", "a=2,c=4")) {
            FacetIndex ix = FacetIndex.of(q);
            for (SelectMode mode : SelectMode.values()) {
                check(q, ix, Map.of("b", List.of("2", "3")), mode);
                check(q, ix, Map.of("a", List.of("1"), "c", List.of("4")), mode);
                check(q, ix, Map.of("zz", List.of("1")), mode);
            }
        }
    }

    @Test
    void pruneModeWorkIsBounded() {
        // branches that meet the selected keys in different orders need one memo table per set seen
        try (Qube q = Qube.of("a=1,b=1,c=1,z=1", "b=1,a=1,c=2,z=1", "c=1,a=1,b=2,z=1", "a=2,c=1,b=1,z=1")) {
            FacetIndex ix = FacetIndex.of(q);
            Selection sel = Selection.of(Map.of("a", List.of("1", "2"), "b", List.of("1", "2"), "c", List.of("1", "2")));
            assertEquals(q.select(sel, SelectMode.PRUNE).count(), ix.query(sel, SelectMode.PRUNE).count());
            Query small = ix.query(sel, SelectMode.PRUNE).withCellLimit(3L * ix.nodeCount());
            org.junit.jupiter.api.Assertions.assertThrows(Query.TooMuchWork.class, small::count);
            // relaxed mode needs one table whatever the selection
            assertEquals(q.select(sel).count(), ix.query(sel, SelectMode.RELAXED).withCellLimit(ix.nodeCount()).count());
        }
    }

    @Test
    void agreesWithTheEngineOnRealCatalogues() throws IOException {
        Path data = Path.of(System.getProperty("qube.data", "../../shared/data"));
        Path file = data.resolve("climate_dt.json");
        Assumptions.assumeTrue(Files.isRegularFile(file), "real data absent: " + file);
        try (Qube q = QubeIO.read(file)) {
            FacetIndex ix = FacetIndex.of(q);
            List<Map<String, List<String>>> sels = new ArrayList<>();
            sels.add(Map.of("param", List.of("167")));
            sels.add(Map.of("activity", List.of("scenariomip", "cmip6"), "levtype", List.of("pl"), "levelist", List.of("500", "850")));
            sels.add(Map.of("experiment", List.of("hist"), "levtype", List.of("sfc"), "param", List.of("167", "130")));
            sels.add(Map.of("class", List.of("d1"), "dataset", List.of("climate-dt")));
            for (Map<String, List<String>> s : sels) {
                for (SelectMode mode : SelectMode.values()) {
                    Selection sel = Selection.of(s);
                    try (Qube r = q.select(sel, mode)) {
                        assertEquals(r.count(), ix.query(sel, mode).count(), mode + " " + s);
                    }
                }
            }
            // the per-value counts of the whole catalogue sum to the count for every key that all identifiers have
            Map<String, Map<String, Long>> axes = ix.query(Selection.of(Map.of()), SelectMode.RELAXED).axes();
            long total = axes.get("class").values().stream().mapToLong(Long::longValue).sum();
            assertEquals(q.count(), total);
            Identifier any = q.identifiers().findFirst().orElseThrow();
            assertEquals(1, ix.query(Selection.of(singletons(any)), SelectMode.STRICT).count());
        }
    }

    private static Map<String, List<String>> singletons(Identifier id) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        id.pairs().forEach(p -> m.put(p.getKey(), List.of(p.getValue())));
        return m;
    }
}
