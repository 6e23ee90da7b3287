package dev.qube.tests.strings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.QubeNode;
import dev.qube.ReadOptions;
import dev.qube.Selection;
import dev.qube.SelectMode;
import dev.qube.ValueOrder;
import dev.qube.spi.Codecs;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.Model;
import dev.qube.tests.QubeArbitraries;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Gen;
import dev.qube.tests.property.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The engine's per-qube string table on string-heavy data: qubes whose value sets are stored in the
 * table (by default, or forced with only the table chosen) are the same sets as qubes stored as
 * plain {@code utf8} texts, with the same order, ASCII and hash, and agree with the model under
 * every set operation, select, copy and binary round trip, whichever side uses which encoding.
 */
class StringTableTest {

    private static final String ARENA = ByteArrayArenaProvider.NAME;

    /** The string table as the engine offers it among its codecs. */
    static ValueCodec table() {
        return Codecs.inUse().stream().filter(c -> c.name().equals("strings")).findFirst()
                .orElseThrow(() -> new AssertionError("the engine offers no string table: " + Codecs.inUse()));
    }

    /** How a qube's values are stored. */
    enum Mode {
        DEFAULT, TABLE_ONLY, PLAIN;

        <T> T run(Supplier<T> work) {
            if (this == DEFAULT) {
                return work.get();
            }
            try (Codecs.Scope s = Codecs.use(this == PLAIN ? List.of() : List.of(table()))) {
                return work.get();
            }
        }
    }

    /** Texts that share a lot, with the orderings that are easy to get wrong. */
    static final List<String> WORDS = List.of("od", "oper", "climate-dt", "high", "standard", "sfc", "pl", "an", "fc",
            "0001", "1", "-5", "10", "2", "é", "e\u0301", "\ud83d\ude00", "\uff61", "\uffff", "a", "A", "aa", "a ", "k=v",
            "c,d", "a/b", "x".repeat(300), "\u00e9t\u00e9", "IFS-NEMO", "ICON", "hz", "20240101", "1.0");

    /** Value pools drawn from {@link #WORDS}, often large, so the same texts land in many value sets. */
    static Gen<List<String>> pools() {
        return (r, size) -> {
            List<String> w = new ArrayList<>(WORDS);
            Collections.shuffle(w, new java.util.Random(r.nextLong()));
            return w.subList(0, 2 + r.nextInt(Math.min(w.size() - 2, 3 + size)));
        };
    }

    static Gen<List<List<Identifier>>> pairs() {
        return QubeArbitraries.identifierSetsSharingValues(2, pools());
    }

    static Qube build(List<Identifier> ids, Mode mode) {
        return mode.run(() -> {
            var b = Qube.builder(ARENA);
            ids.forEach(b::add);
            return b.build();
        });
    }

    static byte[] binary(Qube q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QubeIO.write(q, QubeFormat.BINARY, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Qube read(byte[] image) {
        try {
            return QubeIO.read(new ByteArrayInputStream(image), "<binary>", QubeFormat.BINARY, ReadOptions.defaults().withArena(ARENA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mode mode(SplittableRandom r) {
        return Mode.values()[r.nextInt(3)];
    }

    @Test
    void theTableIsChosenByDefaultAndStoresEachTextOnce() {
        List<Identifier> ids = new ArrayList<>();
        for (String m : List.of("IFS-NEMO", "ICON", "IFS-FESOM")) {
            for (String e : List.of("high", "standard")) {
                ids.add(Identifier.parse("class=d1,dataset=climate-dt,model=" + m + ",resolution=" + e + ",stream=clte"));
            }
        }
        ids.add(Identifier.parse("class=d1,dataset=climate-dt,model=ICON,resolution=high,stream=clmn"));
        try (Qube table = build(ids, Mode.DEFAULT); Qube plain = build(ids, Mode.PLAIN); Qube forced = build(ids, Mode.TABLE_ONLY)) {
            assertEquals(plain, table);
            assertEquals(plain, forced);
            assertEquals(plain.toString(), table.toString());
            assertEquals(plain.hashCode(), table.hashCode());
            assertTrue(table.bytesInUse() < plain.bytesInUse(), table.bytesInUse() + " < " + plain.bytesInUse());
            // "high" and "climate-dt" appear in several value sets but once in the image
            byte[] image = binary(table);
            assertEquals(1, occurrences(image, "climate-dt"));
            assertEquals(1, occurrences(image, "high"));
            // an image is written with the codecs in use when it is written
            assertTrue(Mode.PLAIN.run(() -> occurrences(binary(table), "high")) > 1);
            assertArrayEquals(image, binary(plain));
        }
    }

    private static int occurrences(byte[] image, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = 0;
        for (int i = 0; i + t.length <= image.length; i++) {
            if (java.util.Arrays.equals(image, i, i + t.length, t, 0, t.length)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void valuesIterateInCanonicalOrderFromTheTable() {
        List<String> values = new ArrayList<>(new TreeSet<>(WORDS));
        Collections.reverse(values);
        try (Qube q = Mode.TABLE_ONLY.run(() -> {
            var b = Qube.builder(ARENA);
            values.forEach(v -> b.add(Identifier.of("k", v)));
            return b.build();
        })) {
            List<String> expected = new ArrayList<>(values);
            expected.sort(ValueOrder.INSTANCE);
            QubeNode node = q.root().children().get(0);
            assertEquals(expected, node.values());
            for (String v : values) {
                assertTrue(q.contains(Identifier.of("k", v)), v);
                assertFalse(q.contains(Identifier.of("k", v + "\u0000")), v);
            }
            assertFalse(q.contains(Identifier.of("k", "b")));
        }
    }

    private static void operation(String name, BinaryOperator<Qube> op,
            BinaryOperator<Set<List<Map.Entry<String, String>>>> model) {
        Property.forAll(name, pairs(), in -> {
            SplittableRandom r = new SplittableRandom(in.hashCode());
            var expected = Model.sorted(model.apply(Model.of(in.get(0)), Model.of(in.get(1))));
            Mode ma = mode(r);
            Mode mb = mode(r);
            Mode mr = mode(r);
            try (Qube a = build(in.get(0), ma); Qube b = build(in.get(1), mb); Qube result = mr.run(() -> op.apply(a, b));
                    Qube plain = build(expected, Mode.PLAIN)) {
                String where = ma + " op " + mb + " in " + mr;
                assertEquals(expected, result.identifiers().toList(), where);
                assertEquals(plain, result, where);
                assertEquals(plain.toString(), result.toString(), where);
                assertEquals(plain.hashCode(), result.hashCode(), where);
                assertEquals(plain.nodeCount(), result.nodeCount(), where);
                for (Identifier id : in.get(0)) {
                    assertEquals(expected.contains(id), result.contains(id), where);
                }
                // the result read back from its image, and copied, is the same set again
                try (Qube back = read(binary(result)); Qube copy = mode(r).run(() -> result.copyTo(ARENA))) {
                    assertEquals(plain, back, where);
                    assertEquals(plain.toString(), back.toString(), where);
                    assertEquals(plain, copy, where);
                    assertArrayEquals(binary(result), binary(back), "images are stable " + where);
                }
            }
        });
    }

    @Test
    void unionAgreesWithTheModel() {
        operation("string-table union", Qube::union, Model::union);
    }

    @Test
    void intersectAgreesWithTheModel() {
        operation("string-table intersect", Qube::intersect, Model::intersect);
    }

    @Test
    void minusAgreesWithTheModel() {
        operation("string-table minus", Qube::minus, Model::minus);
    }

    @Test
    void xorAgreesWithTheModel() {
        operation("string-table xor", Qube::xor, Model::xor);
    }

    @Test
    void selectAgreesWithTheModel() {
        Property.forAll("string-table select", pairs(), in -> {
            SplittableRandom r = new SplittableRandom(in.hashCode());
            List<Identifier> ids = in.get(0);
            // select on texts that are in the qube and texts that are not
            List<String> wanted = new ArrayList<>();
            for (Identifier id : in.get(1)) {
                wanted.add(id.value(0));
            }
            String key = ids.isEmpty() ? "class" : ids.get(0).key(0);
            Selection s = Selection.of(Map.of(key, wanted.isEmpty() ? List.of("od") : wanted));
            try (Qube q = build(ids, mode(r)); Qube selected = mode(r).run(() -> q.select(s))) {
                assertEquals(Model.sorted(Model.select(Model.of(ids), s, SelectMode.RELAXED)), selected.identifiers().toList());
            }
        });
    }

    @Test
    void equalSetsGiveIdenticalImagesWhateverTheirHistory() {
        Property.forAll("string-table images are canonical", pairs(), in -> {
            List<Identifier> ids = new ArrayList<>(in.get(0));
            ids.addAll(in.get(1));
            List<Identifier> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new java.util.Random(ids.size()));
            int half = shuffled.size() / 2;
            try (Qube a = build(ids, Mode.DEFAULT); Qube b = build(shuffled, Mode.DEFAULT);
                    Qube x = build(shuffled.subList(0, half), Mode.PLAIN); Qube y = build(shuffled.subList(half, shuffled.size()), Mode.TABLE_ONLY);
                    Qube c = x.union(y)) {
                byte[] image = binary(a);
                assertArrayEquals(image, binary(b));
                assertArrayEquals(image, binary(c));
                assertEquals(a.bytesInUse(), b.bytesInUse());
            }
        });
    }

    @Test
    void theTableIsNotACodecOfItsOwn() {
        ValueCodec t = table();
        assertThrows(UnsupportedOperationException.class, () -> t.encode(List.of("a"), MemorySegment.ofArray(new byte[64]), 0));
        assertThrows(UnsupportedOperationException.class, () -> t.decode(MemorySegment.ofArray(new byte[64]), 0, new ArrayList<>()));
        // its size is what the set costs if none of its texts were in the table: never more than plain texts
        assertEquals(4 + 8, t.encodedSize(List.of("od")));
    }

    @Test
    void aClosedQubeOfTheTableRejectsUse() {
        try (Qube q = build(List.of(Identifier.parse("class=od,stream=oper"), Identifier.parse("class=rd,stream=oper")), Mode.TABLE_ONLY)) {
            q.close();
            assertThrows(IllegalStateException.class, q::toString);
            assertThrows(IllegalStateException.class, () -> q.contains("class=od,stream=oper"));
            assertThrows(IllegalStateException.class, () -> q.copyTo(ARENA));
            assertThrows(IllegalStateException.class, () -> binary(q));
        }
    }
}
