package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormat;
import dev.qube.Selection;
import dev.qube.tests.FormatRoundTrip;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * climate_dt_large split into two overlapping halves, one marked {@code location=lumi} and one
 * {@code location=mn5}, then unioned: every identifier reports exactly the sites of the halves
 * that held it; select and minus keep that; binary, ids, tree-json and arena-json round trips are exact.
 */
class MetadataRealDataTest {

    @Test
    void sitesOfTwoOverlappingHalvesSurviveEveryOperation() throws Exception {
        try (Qube all = RealDataTest.read("climate_dt_large.json.gz")) {
            List<Datacube> cubes = all.datacubes().toList();
            QubeBuilder first = Qube.builder(all.arenaName());
            QubeBuilder second = Qube.builder(all.arenaName());
            for (int i = 0; i < cubes.size(); i++) {
                if (i % 3 != 2) {
                    first.add(cubes.get(i));
                }
                if (i % 3 != 0) {
                    second.add(cubes.get(i));
                }
            }
            try (Qube a = first.build(); Qube b = second.build(); Qube both = a.intersect(b);
                    Qube lumi = a.withMetadata("location", "lumi"); Qube mn5 = b.withMetadata("location", "mn5");
                    Qube u = lumi.union(mn5)) {
                assertTrue(u.sameIdentifiers(all), "the union holds the whole catalogue");
                assertTrue(both.count() > 0 && both.count() < a.count(), "the halves overlap, not wholly");
                assertEquals(Map.of("lumi", a.count(), "mn5", b.count()), u.metadataValues("location"), "identifiers per site");
                try (Qube atLumi = u.selectMetadata("location", "lumi"); Qube atMn5 = u.selectMetadata("location", "mn5");
                        Qube nowhere = u.selectWithoutMetadata("location")) {
                    assertTrue(atLumi.sameIdentifiers(a), "exactly the first half reports lumi");
                    assertTrue(atMn5.sameIdentifiers(b), "exactly the second half reports mn5");
                    assertTrue(nowhere.isEmpty(), "every identifier has a site");
                }
                Map<String, Qube> parts = u.partitionByMetadata("location");
                try {
                    assertEquals(List.of("lumi", "mn5"), List.copyOf(parts.keySet()));
                    assertTrue(parts.get("lumi").sameIdentifiers(a) && parts.get("mn5").sameIdentifiers(b), "partition");
                } finally {
                    parts.values().forEach(Qube::close);
                }
                // selects and minus keep the sites
                Selection sel = Selection.parse("param=167");
                try (Qube s = u.select(sel); Qube sa = a.select(sel); Qube sb = b.select(sel); Qube sab = both.select(sel)) {
                    assertEquals(Map.of("lumi", sa.count(), "mn5", sb.count()), s.metadataValues("location"), "select keeps the sites");
                    try (Qube twoSites = s.selectMetadata("location", "lumi").intersect(sb)) {
                        assertTrue(twoSites.sameIdentifiers(sab), "in both halves: both sites");
                        assertEquals(Map.of("lumi", sab.count(), "mn5", sab.count()), twoSites.metadataValues("location"));
                    }
                    // ids round trip of the selection (the whole catalogue would be 1 GB of text)
                    byte[] ids = FormatRoundTrip.write(s, QubeFormat.IDS);
                    try (Qube back = FormatRoundTrip.read(ids, QubeFormat.IDS, s.arenaName())) {
                        assertEquals(s, back, "ids round trip");
                    }
                }
                try (Qube onlyLumi = u.minus(mn5)) {
                    assertEquals(Map.of("lumi", a.count() - both.count()), onlyLumi.metadataValues("location"), "minus keeps the left's sites");
                }
                byte[] bin = FormatRoundTrip.write(u, QubeFormat.BINARY);
                try (Qube back = FormatRoundTrip.read(bin, QubeFormat.BINARY, u.arenaName())) {
                    assertEquals(u, back, "binary round trip");
                    assertEquals(u.metadataValues("location"), back.metadataValues("location"));
                }
                // qubed's JSON shapes: each site placed once where it is uniform, so the files stay
                // about the size of the catalogue's own JSON
                for (QubeFormat f : List.of(QubeFormat.TREE_JSON, QubeFormat.ARENA_JSON)) {
                    byte[] json = FormatRoundTrip.write(u, f);
                    try (Qube back = FormatRoundTrip.read(json, f, u.arenaName())) {
                        assertEquals(u, back, f.id() + " round trip");
                        assertEquals(u.metadataValues("location"), back.metadataValues("location"), f.id());
                        assertTrue(java.util.Arrays.equals(json, FormatRoundTrip.write(back, f)), f.id() + " written again identically");
                    }
                    System.err.printf("climate_dt_large halves with sites as %s: %,d bytes (the catalogue alone: %,d)%n", f.id(), json.length,
                            FormatRoundTrip.write(all, f).length);
                }
                System.err.printf("climate_dt_large halves with sites: %d identifiers, %d + %d bytes (tree + metadata), %d runs;"
                        + " the catalogue alone %d bytes%n", u.count(), u.bytesInUse() - u.metadataBytes(), u.metadataBytes(),
                        u.metadataRuns(), all.bytesInUse());
            }
        }
    }
}
