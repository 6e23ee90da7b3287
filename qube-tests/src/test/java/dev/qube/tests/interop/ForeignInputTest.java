package dev.qube.tests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No reader returns an empty or partial qube for input it did not understand: every reader is fed
 * every other format's file and envelopes it does not know. It either fails with a
 * {@link QubeFormatException} that has a position, or it understood the input and read exactly the
 * qube that was written (ascii reads ascii-qubed, tree-json reads the plain shape, a MARS listing
 * reader reads one identifier a line).
 */
class ForeignInputTest {

    /** An input and the qube it holds (null when it holds none, or when only its own reader may read it). */
    record Input(String name, byte[] bytes, QubeFormat own, Qube holds) {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Input> inputs(Qube q) {
        List<Input> in = new ArrayList<>();
        for (QubeFormat f : QubeFormat.values()) {
            if (QubeIO.canWrite(f)) {
                in.add(new Input(f.id() + " file", QubedGoldenTest.write(q, f), f, q));
            }
        }
        in.add(new Input("fdb listing", utf8("{class=od,expver=0001}{stream=oper}{param=167}\n{class=od,expver=0001}{stream=oper}{param=1}\n"),
                QubeFormat.FDB, null));
        in.add(new Input("fdb-compact listing", utf8("Listing for request\nretrieve,\n\tclass=od,\n\tparam=1/2,\n\n"), QubeFormat.FDB_COMPACT, null));
        in.add(new Input("mars listing", utf8("class=od,expver=0001\n stream=oper,param=1/2\n"), QubeFormat.MARS, null));
        Map<String, String> unknown = new LinkedHashMap<>();
        unknown.put("envelope with an unknown member", "{\"version\": \"1\", \"data\": []}");
        unknown.put("envelope of an unknown version", "{\"version\": \"2\", \"tree\": {\"key\": \"root\", \"children\": []}}");
        unknown.put("envelope without a tree", "{\"version\": \"1\"}");
        unknown.put("envelope with an empty tree", "{\"version\": \"1\", \"tree\": {}}");
        unknown.put("tree without its version", "{\"tree\": {\"key\": \"root\", \"children\": []}}");
        unknown.put("root without children", "{\"key\": \"root\", \"values\": [\"root\"]}");
        unknown.put("some other envelope", "{\"format\": \"qube\", \"nodes\": [{\"key\": \"class\", \"values\": [\"od\"]}]}");
        unknown.put("tree of the wrong JSON type", "{\"version\": \"1\", \"tree\": [{\"key\": \"class\"}]}");
        unknown.put("records of the wrong JSON type", "{\"version\": \"1\", \"qube\": {\"dim\": \"root\"}}");
        unknown.put("empty object", "{}");
        unknown.put("empty array", "[]");
        unknown.put("a JSON string", "\"root\"");
        unknown.put("prose", "hello world\nthis is not a qube\n");
        unknown.put("csv", "class,param\nod,1\n");
        for (var e : unknown.entrySet()) {
            in.add(new Input(e.getKey(), utf8(e.getValue()), null, null));
        }
        return in;
    }

    /** Pairs where the reader understands another format: it must then read exactly the qube written. */
    static final Map<QubeFormat, Set<QubeFormat>> UNDERSTANDS = Map.of(
            QubeFormat.ASCII, Set.of(QubeFormat.ASCII_QUBED),
            QubeFormat.ASCII_QUBED, Set.of(QubeFormat.ASCII),
            QubeFormat.TREE_JSON, Set.of(QubeFormat.TREE_JSON_PLAIN),
            QubeFormat.TREE_JSON_PLAIN, Set.of(QubeFormat.TREE_JSON),
            QubeFormat.MARS, Set.of(QubeFormat.IDS));

    @Test
    void everyReaderRejectsWhatItDoesNotUnderstand() {
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        try (Qube q = QubedGoldenTest.reference()) {
            List<Input> inputs = inputs(q);
            for (QubeFormat reader : QubeFormat.values()) {
                if (!QubeIO.canRead(reader)) {
                    continue;
                }
                for (Input input : inputs) {
                    if (input.own() == reader) {
                        continue;
                    }
                    boolean understood = input.own() != null && UNDERSTANDS.getOrDefault(reader, Set.of()).contains(input.own());
                    if (reader == QubeFormat.NESTED_JSON && input.name().equals("empty object")) {
                        understood = true; // {} is the nested JSON of the empty qube, as qubed writes it
                    }
                    List<String> warnings = new ArrayList<>();
                    try (Qube got = QubeIO.read(new ByteArrayInputStream(input.bytes()), input.name(), reader,
                            QubedGoldenTest.OPTIONS.withWarnings(warnings::add))) {
                        if (!understood) {
                            failures.add(reader.id() + " reader returned a qube of " + got.count() + " identifiers for the "
                                    + input.name() + (warnings.isEmpty() ? "" : " (warnings: " + warnings + ")"));
                        } else if (input.holds() == null ? !got.isEmpty() : !got.equals(input.holds())) {
                            failures.add(reader.id() + " reader read the " + input.name() + " as another qube: " + got);
                        }
                    } catch (QubeFormatException e) {
                        rejected++;
                        assertEquals(input.name(), e.source(), e.getMessage());
                        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
                        assertTrue(!e.getMessage().contains("StreamReadConstraints") && !e.getMessage().contains("\n"), e.getMessage());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (RuntimeException e) {
                        failures.add(reader.id() + " reader failed on the " + input.name() + " without a position: " + e);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " readers misread foreign input:\n" + String.join("\n", failures));
        }
        assertTrue(rejected > 150, "rejections: " + rejected);
    }

    @Test
    void anFdbListingOfOnlyTheClientsDiagnosticsIsEmptyWithAWarningNotAnError() throws IOException {
        // what fdb prints for a request that found nothing, or the tail of a listing cut into pieces
        List<String> warnings = new ArrayList<>();
        try (Qube q = QubeIO.read(new ByteArrayInputStream(utf8("PRE-MAIN-ERROR boom\nPRE-MAIN-WARNING x\n")), "diag", QubeFormat.FDB,
                QubedGoldenTest.OPTIONS.withWarnings(warnings::add))) {
            assertTrue(q.isEmpty());
        }
        assertEquals(List.of("diag: skipped 2 lines that are not identifiers (the first at line 1)"), warnings);
        // one line of anything else, and nothing read: an error at the first skipped line
        QubeFormatException e = org.junit.jupiter.api.Assertions.assertThrows(QubeFormatException.class, () -> QubeIO.read(
                new ByteArrayInputStream(utf8("PRE-MAIN-ERROR boom\nclass=od,param=1\n")), "mixed", QubeFormat.FDB, QubedGoldenTest.OPTIONS));
        assertEquals("mixed:1:1: expected an identifier in braces '{k=v,...}', but not one of the 2 lines is (nothing was read: is this"
                + " the right format?)", e.getMessage());
    }

    @Test
    void metadataOfTheWrongJsonTypeIsAnErrorWhereItIs() {
        QubeFormatException e = org.junit.jupiter.api.Assertions.assertThrows(QubeFormatException.class, () -> QubeIO.read(
                new ByteArrayInputStream(utf8("{\"key\": \"root\", \"children\": [\n {\"key\": \"a\", \"values\": [1], \"metadata\": [1]}]}")),
                "m", QubeFormat.TREE_JSON, QubedGoldenTest.OPTIONS));
        assertEquals("m:2:42: expected \"metadata\" to be an object, found an array", e.getMessage());
    }
}
