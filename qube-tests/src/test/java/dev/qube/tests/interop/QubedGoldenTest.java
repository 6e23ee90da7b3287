package dev.qube.tests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.tests.Model;
import dev.qube.tests.QubeArbitraries;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files in the shapes today's qubed writes (built by hand, see {@code resources/qubed/README.md})
 * read exactly, and what our writers write has the shapes qubed reads back without loss.
 */
class QubedGoldenTest {

    static final ReadOptions OPTIONS = ReadOptions.defaults().withArena(ByteArrayArenaProvider.NAME);

    static byte[] resource(String name) {
        try (InputStream in = QubedGoldenTest.class.getResourceAsStream("/qubed/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource /qubed/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Qube read(byte[] bytes, String source, QubeFormat format, List<String> warnings) {
        try {
            return QubeIO.read(new ByteArrayInputStream(bytes), source, format, OPTIONS.withWarnings(warnings::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Qube q, QubeFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QubeIO.write(q, f, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Qube reference() {
        return read(resource("golden.ascii"), "golden.ascii", QubeFormat.ASCII, new ArrayList<>());
    }

    static Set<String> ids(Qube q) {
        Set<String> out = new TreeSet<>();
        q.identifiers().forEach(i -> out.add(i.toString()));
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "tree-envelope.json, tree-json, tree-json, false",
        "tree-plain.json, tree-json, tree-json-plain, false",
        "arena.json, arena-json, arena-json, true",
        "nested.json, nested-json, nested-json, false",
        "qubed.ascii, ascii, ascii-qubed, false",
    })
    void everyShapeQubedWritesReadsAsTheReferenceQube(String file, String detected, String named, boolean metadata) throws Exception {
        byte[] bytes = resource(file);
        try (var in = new java.io.BufferedInputStream(new ByteArrayInputStream(bytes))) {
            assertEquals(QubeFormat.byId(detected), QubeIO.detect(in, file), "detection of " + file);
        }
        try (Qube expected = reference()) {
            assertEquals(12, expected.count());
            for (QubeFormat f : new QubeFormat[] {null, QubeFormat.byId(detected), QubeFormat.byId(named)}) {
                List<String> warnings = new ArrayList<>();
                try (Qube q = read(bytes, file, f, warnings)) {
                    assertEquals(ids(expected), ids(q), file + " read as " + f);
                    assertTrue(expected.sameIdentifiers(q));
                    assertEquals(12, q.count());
                    // arena.json: a set of two paths on the param node, an integer on the levelist node:
                    // every identifier below holds the node's whole set (qubed's resolve_all_metadata)
                    for (dev.qube.Identifier id : q.identifiers().toList()) {
                        dev.qube.Metadata want = !metadata ? dev.qube.Metadata.EMPTY
                                : id.toString().contains("param=") ? dev.qube.Metadata.of("path", "/data/od/0001.grib", "/data/od/0002.grib")
                                : id.toString().contains("levelist=") ? dev.qube.Metadata.of("size", "42") : dev.qube.Metadata.EMPTY;
                        assertEquals(want, q.metadata(id).orElse(dev.qube.Metadata.EMPTY), file + ": " + id);
                    }
                }
                assertEquals(List.of(), warnings, file);
            }
        }
    }

    @Test
    void theEnvelopeQuotedInTheIssueReadsItsSixIdentifiers() {
        try (Qube q = read(resource("issue-15.json"), "issue-15.json", null, new ArrayList<>())) {
            assertEquals(Set.of("class=od,param=1", "class=od,param=2", "class=od,param=167", "class=rd,param=1", "class=rd,param=2",
                    "class=rd,param=167"), ids(q));
        }
    }

    @Test
    void arenaIntsTextRunsAndDatetimesKeepTheirTexts() {
        try (Qube q = read(resource("arena-coords.json"), "arena-coords.json", null, new ArrayList<>())) {
            assertEquals(12, q.count());
            Set<String> ids = ids(q);
            for (String step : List.of("0", "6", "12", "18", "24", "36")) {
                assertTrue(ids.contains("step=" + step + ",date=20240101T0000"), ids::toString);
                assertTrue(ids.contains("step=" + step + ",date=20240101T1200"), ids::toString);
            }
        }
    }

    @Test
    void aDatetimeDtypeKeepsItsTexts() {
        try (Qube q = read(resource("tree-datetime.json"), "tree-datetime.json", null, new ArrayList<>())) {
            assertEquals(Set.of("date=20240101T0000", "date=20240102T1200"), ids(q));
        }
    }

    @Test
    void asciiQubedWritesExactlyWhatQubedWrites() {
        try (Qube q = reference()) {
            assertEquals(new String(resource("qubed.ascii"), StandardCharsets.UTF_8), new String(write(q, QubeFormat.ASCII_QUBED),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void ourTreeJsonArenaJsonAndNestedJsonHaveTheShapesQubedReads() {
        try (Qube q = reference()) {
            List<List<String>> values = QubedShapes.treeEnvelope(write(q, QubeFormat.TREE_JSON));
            assertEquals(List.of(List.of("od"), List.of("0001", "0002"), List.of("1", "2", "167"), List.of("pl"),
                    List.of("0.5", "1.5", "1000.25"), List.of("rd"), List.of("0", "6", "abc")), values);
            assertEquals(8, QubedShapes.arena(write(q, QubeFormat.ARENA_JSON)));
            QubedShapes.nested(write(q, QubeFormat.NESTED_JSON));
            assertEquals(8, QubedShapes.ascii(new String(write(q, QubeFormat.ASCII_QUBED), StandardCharsets.UTF_8)));
        }
    }

    static boolean endsAtAnInnerNode(Set<List<java.util.Map.Entry<String, String>>> model) {
        for (var a : model) {
            for (var b : model) {
                if (a.size() < b.size() && b.subList(0, a.size()).equals(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theShapesHoldForAnyQubeWhoseTextsQubedCanHold() {
        // qubed has no escapes and no identifiers ending at inner nodes: keep to what it can hold
        Property.forAll("our writers write shapes qubed reads", QubeArbitraries.identifierSets(), ids -> {
            try (Qube q = Model.toQube(Model.of(ids), ByteArrayArenaProvider.NAME)) {
                QubedShapes.treeEnvelope(write(q, QubeFormat.TREE_JSON));
                QubedShapes.arena(write(q, QubeFormat.ARENA_JSON));
                if (!endsAtAnInnerNode(Model.of(ids))) {
                    QubedShapes.nested(write(q, QubeFormat.NESTED_JSON)); // qubed has no such identifiers, nor a way to write them
                }
                String ascii = new String(write(q, QubeFormat.ASCII_QUBED), StandardCharsets.UTF_8);
                if (!ascii.contains("\\")) {
                    QubedShapes.ascii(ascii);
                }
                for (QubeFormat f : List.of(QubeFormat.ASCII_QUBED, QubeFormat.TREE_JSON_PLAIN)) {
                    try (Qube back = read(write(q, f), f.id(), f, new ArrayList<>())) {
                        assertEquals(Model.of(ids), Model.of(back), "through " + f.id());
                    }
                }
            }
        });
    }
}
