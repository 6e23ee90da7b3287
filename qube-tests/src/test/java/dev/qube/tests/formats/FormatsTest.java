package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.spi.Codecs;
import dev.qube.tests.Model;
import dev.qube.tests.QubeArbitraries;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Property;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The JSON, HTML and binary formats: round trips, conversions, errors with positions, detection. */
class FormatsTest {

    static final String ARENA = ByteArrayArenaProvider.NAME;
    static final ReadOptions OPTIONS = ReadOptions.defaults().withArena(ARENA);
    static final List<QubeFormat> WRITABLE = List.of(QubeFormat.ASCII, QubeFormat.IDS, QubeFormat.TREE_JSON,
            QubeFormat.NESTED_JSON, QubeFormat.ARENA_JSON, QubeFormat.BINARY);

    static byte[] write(Qube q, QubeFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QubeIO.write(q, f, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Qube read(byte[] bytes, QubeFormat f) {
        try {
            return QubeIO.read(new ByteArrayInputStream(bytes), "<" + (f == null ? "detected" : f.id()) + ">", f, OPTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Qube read(String text, QubeFormat f) {
        return read(text.getBytes(StandardCharsets.UTF_8), f);
    }

    static Qube of(String... ids) {
        QubeBuilder b = Qube.builder(ARENA);
        for (String id : ids) {
            b.add(id);
        }
        return b.build();
    }

    static QubeFormatException malformed(String text, QubeFormat f) {
        return assertThrows(QubeFormatException.class, () -> read(text, f).close());
    }

    static void at(QubeFormatException e, String source, long line, long column, String reasonPart) {
        assertEquals(source, e.source(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.reason().contains(reasonPart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    // ------------------------------------------------------------------ conversions

    @Test
    void conversionBetweenEveryPairOfWritableFormatsPreservesTheIdentifierSet() {
        Property.forAll("convert between every pair of formats", QubeArbitraries.identifierSets(), ids -> {
            var model = Model.of(ids);
            try (Qube q = Model.toQube(model, ARENA)) {
                for (QubeFormat f : WRITABLE) {
                    try (Qube a = read(write(q, f), f)) {
                        assertEquals(model, Model.of(a), "through " + f.id());
                        for (QubeFormat g : WRITABLE) {
                            try (Qube b = read(write(a, g), g)) {
                                assertEquals(model, Model.of(b), f.id() + " then " + g.id());
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void detectionPicksEveryWrittenFormat() {
        Property.forAll("detect written formats", QubeArbitraries.identifierSets(), ids -> {
            try (Qube q = Model.toQube(Model.of(ids), ARENA)) {
                for (QubeFormat f : WRITABLE) {
                    byte[] bytes = write(q, f);
                    if (q.isEmpty() && (f == QubeFormat.IDS)) {
                        continue; // an empty listing has no format to detect
                    }
                    try (var in = new BufferedInputStream(new ByteArrayInputStream(bytes))) {
                        assertEquals(f, QubeIO.detect(in, "<mem>"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        });
    }

    @Test
    void prefixIdentifiersAndEscapesSurviveEveryFormat() {
        try (Qube q = of("class=od", "class=od,param=1", "class=od,param=2", "class=a\\/b,param=c\\,d",
                "class=k\\=v,expver=\\ sp", "class=é,param=\\\\")) {
            for (QubeFormat f : WRITABLE) {
                try (Qube back = read(write(q, f), f)) {
                    assertEquals(q, back, f.id());
                    assertEquals(q.toString(), back.toString(), f.id());
                }
            }
        }
    }

    // ------------------------------------------------------------------ tree-json

    @Test
    void treeJsonReadsNumbersByTheirTextAndKeepsMetadata() {
        List<String> warnings = new java.util.ArrayList<>();
        try (Qube q = QubeIO.read(new ByteArrayInputStream("""
                {"key": "root", "values": ["root"], "metadata": {}, "children": [
                  {"key": "param", "values": [1, "1", 2.50, "10"], "metadata": {"x": {"ints": [1, 2]}},
                   "children": []},
                  {"key": "class", "values": {"type": "enum", "dtype": "str", "values": ["od"]}}
                ]}
                """.getBytes(StandardCharsets.UTF_8)), "<tree-json>", QubeFormat.TREE_JSON, OPTIONS.withWarnings(warnings::add))) {
            assertEquals(4, q.count());
            assertTrue(q.contains("param=1"));
            assertTrue(q.contains("param=2.50"));
            assertFalse(q.contains("param=2.5"));
            assertTrue(q.contains("class=od"));
            assertEquals(java.util.Optional.of(dev.qube.Metadata.of("x", "1", "2")), q.metadata("param=2.50"));
            assertEquals(java.util.Optional.of(dev.qube.Metadata.EMPTY), q.metadata("class=od"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), warnings);
        // metadata in a shape qubed does not write is an error where it is, never skipped
        at(malformed("""
                {"key": "root", "values": ["root"], "metadata": {}, "children": [
                  {"key": "param", "values": [1], "metadata": {"x": {"deep": [1]}}, "children": []}]}
                """, QubeFormat.TREE_JSON), "<tree-json>", 2, 62, "metadata 'x': unknown member 'deep'");
        // a member the reader does not know could hold part of the tree: an error, never skipped
        at(malformed("""
                {"key": "root", "values": ["root"], "metadata": {}, "children": [
                  {"key": "param", "values": [1], "extra": null, "children": []}]}
                """, QubeFormat.TREE_JSON), "<tree-json>", 2, 44, "unknown member 'extra' in a tree node");
    }

    @Test
    void treeJsonAcceptsChildrenBeforeKeyAndValues() {
        try (Qube q = read("""
                {"children": [
                  {"children": [{"values": [1, 2], "children": [], "key": "param"}], "metadata": {}, "values": ["od"], "key": "class"},
                  {"key": "class", "values": ["rd"]}
                ], "key": "root", "values": ["root"]}
                """, QubeFormat.TREE_JSON); Qube expected = of("class=od,param=1", "class=od,param=2", "class=rd")) {
            assertEquals(expected, q);
        }
        at(malformed("{\"key\": \"root\", \"children\": [\n {\"children\": [{\"key\": \"a\", \"values\": [2]}], \"key\": \"a\",\n"
                + " \"values\": [1]}]}", QubeFormat.TREE_JSON), "<tree-json>", 3, 15, "appears twice on one path");
    }

    @Test
    void treeJsonWritesTodaysQubedEnvelopeAndThePlainShapeOnRequest() {
        try (Qube q = of("class=od,param=1", "class=od,param=2")) {
            assertEquals("{\"version\":\"1\",\"tree\":{\"key\":\"root\",\"values\":{\"type\":\"enum\",\"dtype\":\"str\",\"values\":[]},"
                    + "\"metadata\":{},\"children\":[{\"key\":\"class\",\"values\":{\"type\":\"enum\",\"dtype\":\"str\",\"values\":[\"od\"]},"
                    + "\"metadata\":{},\"children\":[{\"key\":\"param\",\"values\":{\"type\":\"enum\",\"dtype\":\"int64\",\"values\":[1,2]},"
                    + "\"metadata\":{},\"children\":[]}]}]}}",
                    new String(write(q, QubeFormat.TREE_JSON), StandardCharsets.UTF_8));
            assertEquals("{\"key\":\"root\",\"values\":[\"root\"],\"metadata\":{},\"children\":[{\"key\":\"class\",\"values\":[\"od\"],"
                    + "\"metadata\":{},\"children\":[{\"key\":\"param\",\"values\":[\"1\",\"2\"],\"metadata\":{},\"children\":[]}]}]}",
                    new String(write(q, QubeFormat.TREE_JSON_PLAIN), StandardCharsets.UTF_8));
        }
    }

    @Test
    void malformedTreeJsonNamesLineAndColumn() {
        at(malformed("{\"key\": \"root\", \"children\": [\n  {\"key\": \"a\", \"values\": \"x\"}]}", QubeFormat.TREE_JSON),
                "<tree-json>", 2, 26, "expected an array of values");
        at(malformed("{\"key\": \"root\", \"children\": [\n  {\"key\": \"a\", \"values\": [true]}]}", QubeFormat.TREE_JSON),
                "<tree-json>", 2, 27, "expected a value");
        at(malformed("{\"key\": \"root\", \"children\": [\n\n   {\"values\": [\"1\"]}]}", QubeFormat.TREE_JSON),
                "<tree-json>", 3, 4, "without a \"key\"");
        at(malformed("{\"key\": \"root\", \"children\": [\n {\"key\": \"a\", \"values\": [1], \"children\": [\n"
                + "  {\"key\": \"a\", \"values\": [2]}]}]}", QubeFormat.TREE_JSON), "<tree-json>", 3, 29, "appears twice on one path");
        at(malformed("{\"key\": \"root\", \"children\": [\n  {\"key\": \"a\", \"values\": [1]]}", QubeFormat.TREE_JSON),
                "<tree-json>", 2, 29, "malformed JSON");
        at(malformed("{\"key\": \"root\", \"children\": []} {}", QubeFormat.TREE_JSON), "<tree-json>", 1, 33, "after the end");
        at(malformed("[1]", QubeFormat.TREE_JSON), "<tree-json>", 1, 1, "expected the root node object");
    }

    // ------------------------------------------------------------------ nested-json

    @Test
    void nestedJsonReadsQubedsExample() {
        try (Qube q = read("""
                {"class=od": {"expver=0001/0002": {"param=1/2": {}}},
                 "class=rd": {"expver=0001": {"param=1/2/3": {}}, "expver=0002": {"param=1/2": {}}}}
                """, QubeFormat.NESTED_JSON)) {
            assertEquals(9, q.count());
            assertEquals("""
                    root
                    ├── class=od, expver=0001/0002, param=1/2
                    └── class=rd
                        ├── expver=0001, param=1/2/3
                        └── expver=0002, param=1/2
                    """, q.toString());
        }
    }

    @Test
    void nestedJsonMarksPrefixIdentifiersWithTheEmptyName() {
        try (Qube q = of("class=od", "class=od,param=1")) {
            assertEquals("{\"class=od\":{\"\":{},\"param=1\":{}}}", new String(write(q, QubeFormat.NESTED_JSON), StandardCharsets.UTF_8));
        }
    }

    @Test
    void malformedNestedJsonNamesLineAndColumn() {
        at(malformed("{\"class=od\": {\n  \"param\": {}}}", QubeFormat.NESTED_JSON), "<nested-json>", 2, 3, "expected a member named");
        at(malformed("{\"class=od\": {\n  \"param=1//2\": {}}}", QubeFormat.NESTED_JSON), "<nested-json>", 2, 3, "empty value");
        at(malformed("{\"class=od\": {\n  \"param=1\": []}}", QubeFormat.NESTED_JSON), "<nested-json>", 2, 14, "expected the object");
        at(malformed("{\"\": {}}", QubeFormat.NESTED_JSON), "<nested-json>", 1, 2, "root cannot end one");
        at(malformed("{\"class=od\": {\"\": {\"a=1\": {}}}}", QubeFormat.NESTED_JSON), "<nested-json>", 1, 20, "must map to {}");
        at(malformed("{\"class=od\": {\n  \"=1\": {}}}", QubeFormat.NESTED_JSON), "<nested-json>", 2, 3, "empty key");
        at(malformed("{\"class=od\": {\n  \"param=1\": {}}", QubeFormat.NESTED_JSON), "<nested-json>", 2, 17, "malformed JSON");
    }

    // ------------------------------------------------------------------ arena-json

    static final String ARENA_OK = """
            {"version": "1", "qube": [
             {"dim": "param", "coords": {"ints": [1, 2]}, "parent": 2, "children": []},
             {"dim": "root", "coords": {}, "parent": null, "children": [2, 3]},
             {"dim": "class", "coords": {"strings": ["od"]}, "parent": 1, "children": [0]},
             {"dim": "class", "coords": {"strings": ["rd"], "ints": [7]}, "parent": 1, "children": []}
            ]}
            """;

    @Test
    void arenaJsonRecordsMayComeInAnyOrder() {
        try (Qube q = read(ARENA_OK, QubeFormat.ARENA_JSON); Qube expected = of("class=od,param=1", "class=od,param=2", "class=rd", "class=7")) {
            assertEquals(expected, q);
        }
    }

    @Test
    void malformedArenaJsonNamesTheRecord() {
        at(malformed(ARENA_OK.replace("\"parent\": 2,", "\"parent\": 3,"), QubeFormat.ARENA_JSON), "<arena-json>", 4, 2,
                "record 2 lists child 0, whose parent is 3");
        at(malformed(ARENA_OK.replace("\"children\": [0]", "\"children\": [9]"), QubeFormat.ARENA_JSON), "<arena-json>", 4, 2,
                "child 9 is out of range");
        at(malformed(ARENA_OK.replace("\"children\": [0]", "\"children\": []"), QubeFormat.ARENA_JSON), "<arena-json>", 2, 2,
                "record 0 is not among the children of its parent 2");
        at(malformed(ARENA_OK.replace("\"children\": [0]", "\"children\": [0, 0]"), QubeFormat.ARENA_JSON), "<arena-json>", 4, 2,
                "lists child 0 twice");
        at(malformed(ARENA_OK.replace("\"parent\": null", "\"parent\": 0"), QubeFormat.ARENA_JSON), "<arena-json>", 1, 1,
                "no root record");
        at(malformed(ARENA_OK.replace("\"ints\": [1, 2]", "\"bytes\": \"AAE=\""), QubeFormat.ARENA_JSON), "<arena-json>", 2, 30,
                "unknown coordinate type 'bytes'");
        at(malformed(ARENA_OK.replace("\"parent\": 2,", "\"parent\": -2,"), QubeFormat.ARENA_JSON), "<arena-json>", 2, 57,
                "expected a parent record index");
        at(malformed(ARENA_OK.replace("\"version\": \"1\"", "\"version\": \"2\""), QubeFormat.ARENA_JSON), "<arena-json>", 1, 13,
                "unsupported arena JSON version 2");
        // two records that are each other's parent: consistent links, but unreachable from the root
        at(malformed("""
                {"version": "1", "qube": [
                 {"dim": "root", "coords": {}, "parent": null, "children": []},
                 {"dim": "a", "coords": {"strings": ["x"]}, "parent": 2, "children": [2]},
                 {"dim": "b", "coords": {"strings": ["y"]}, "parent": 1, "children": [1]}
                ]}
                """, QubeFormat.ARENA_JSON), "<arena-json>", 3, 2, "not reachable from the root");
    }

    // ------------------------------------------------------------------ html

    @Test
    void htmlIsSelfContainedEscapedAndCounts() {
        QubeBuilder b = Qube.builder(ARENA).add("class=<od>,param=1").add("class=<od>,param=2").add("class=a&b").add("class=\"q\"");
        for (int i = 0; i < 40; i++) {
            b.add("class=x,step=" + i);
        }
        try (Qube q = b.build()) {
            String html = new String(write(q, QubeFormat.HTML), StandardCharsets.UTF_8);
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertTrue(html.contains("&lt;od&gt;"), "escaped value");
            assertTrue(html.contains("a&amp;b"));
            assertTrue(html.contains("&quot;q&quot;"));
            assertFalse(html.contains("<od>"));
            assertFalse(html.contains("http://") || html.contains("https://") || html.contains(" src="), "nothing fetched");
            assertTrue(html.contains("44 identifiers"), "total count");
            assertTrue(html.contains(">40</span></summary>"), "count of the class=x node");
            assertTrue(html.contains("(40 values)"), "a long list is folded");
            assertTrue(html.contains(String.join("/", java.util.stream.IntStream.range(0, 40).mapToObj(Integer::toString).toList())),
                    "and shown whole");
        }
        assertThrows(IllegalArgumentException.class, () -> read("<html>", QubeFormat.HTML));
    }

    // ------------------------------------------------------------------ binary

    static Qube sample() {
        return of("class=od,expver=0001,param=1", "class=od,expver=0001,param=2", "class=od,expver=0002,param=1",
                "class=od,expver=0002,param=2", "class=rd,param=1/2", "class=rd", "class=x,date=20240101");
    }

    @Test
    void binaryRoundTripsAndIsDeterministic() {
        try (Qube a = sample(); Qube b = of("class=x,date=20240101", "class=rd", "class=rd,param=1/2", "class=od,expver=0002,param=2",
                "class=od,expver=0002,param=1", "class=od,expver=0001,param=2", "class=od,expver=0001,param=1")) {
            byte[] image = write(a, QubeFormat.BINARY);
            assertArrayEquals(image, write(b, QubeFormat.BINARY), "equal qubes give identical images");
            try (Qube back = read(image, QubeFormat.BINARY)) {
                assertEquals(a, back);
                assertEquals(a.nodeCount(), back.nodeCount());
            }
        }
    }

    @Test
    void binaryWritesOnlyTheLiveDag() {
        // a non-canonical tree: building it merges siblings (the reader then compacts, so the image
        // and the qube it was written from hold the same live DAG)
        StringBuilder ascii = new StringBuilder("root\n");
        for (int i = 0; i < 50; i++) {
            ascii.append("├── class=od, param=").append(i).append('\n');
        }
        ascii.append("└── class=od, param=50\n");
        try (Qube q = read(ascii.toString(), QubeFormat.ASCII)) {
            byte[] image = write(q, QubeFormat.BINARY);
            try (Qube back = read(image, QubeFormat.BINARY)) {
                assertEquals(q, back);
                assertTrue(back.bytesInUse() <= q.bytesInUse(), back.bytesInUse() + " <= " + q.bytesInUse());
                assertEquals(3, back.nodeCount());
                try (Qube copy = q.copyTo(q.arenaName())) {
                    assertEquals(copy.bytesInUse(), back.bytesInUse(), "the image holds exactly the live DAG");
                }
            }
        }
    }

    @Test
    void emptyQubeRoundTripsThroughBinary() {
        try (Qube empty = of(); Qube back = read(write(empty, QubeFormat.BINARY), QubeFormat.BINARY)) {
            assertTrue(back.isEmpty());
            assertEquals(1, back.nodeCount());
        }
    }

    static QubeFormatException brokenBinary(byte[] image) {
        return assertThrows(QubeFormatException.class, () -> read(image, QubeFormat.BINARY).close());
    }

    /** Rewrites the checksum so that only the deeper checks can catch a change. */
    static byte[] resealed(byte[] image) {
        CRC32C crc = new CRC32C();
        crc.update(image, 0, image.length - 4);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(image.length - 4, (int) crc.getValue());
        return image;
    }

    @Test
    void everyTruncationAndEveryBitFlipIsRejectedOnOpen() {
        try (Qube q = sample()) {
            byte[] image = write(q, QubeFormat.BINARY);
            for (int n = 0; n < image.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(image, n);
                QubeFormatException e = brokenBinary(cut);
                assertEquals("<binary>", e.source());
                assertEquals(1, e.line());
            }
            for (int i = 0; i < image.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] flipped = image.clone();
                    flipped[i] ^= (byte) (1 << bit);
                    QubeFormatException e = brokenBinary(flipped);
                    assertFalse(e.getMessage().contains("\n"));
                }
            }
        }
    }

    /** The image of {@code q} with every value set in the built-in {@code utf8} codec: a version 1 image. */
    static byte[] utf8Image(Qube q) {
        try (Codecs.Scope plain = Codecs.use(List.of())) {
            return write(q, QubeFormat.BINARY);
        }
    }

    @Test
    void imagesWithoutTheStringTableAreVersion1AndStillRead() {
        try (Qube q = sample()) {
            byte[] v1 = utf8Image(q);
            assertEquals(1, ByteBuffer.wrap(v1).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
            byte[] v2 = write(q, QubeFormat.BINARY);
            assertEquals(2, ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
            assertTrue(v2.length < v1.length, v2.length + " < " + v1.length);
            try (Qube a = read(v1, QubeFormat.BINARY); Qube b = read(v2, QubeFormat.BINARY)) {
                assertEquals(q, a);
                assertEquals(q, b);
                assertEquals(q.toString(), b.toString());
                assertEquals(q.hashCode(), b.hashCode());
                // both write the same version 2 image again
                assertArrayEquals(v2, write(a, QubeFormat.BINARY));
                assertArrayEquals(v2, write(b, QubeFormat.BINARY));
            }
        }
    }

    @Test
    void stringTableErrorsSayWhatIsWrong() {
        try (Qube q = sample()) {
            byte[] image = write(q, QubeFormat.BINARY);
            ByteBuffer le = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            long arenaAt = le.getLong(48);
            int root = le.getInt(32);
            ByteBuffer n = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
            int child = n.getInt((int) (arenaAt + root + 20));
            int valueSet = n.getInt((int) (arenaAt + child + 8));

            byte[] v1 = image.clone();
            ByteBuffer.wrap(v1).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1);
            QubeFormatException e = brokenBinary(resealed(v1));
            assertTrue(e.reason().contains("needs version 2"), e.getMessage());

            ByteBuffer count = ByteBuffer.wrap(image.clone()).order(ByteOrder.nativeOrder());
            count.putInt((int) (arenaAt + valueSet + 4), count.getInt((int) (arenaAt + valueSet + 4)) + 1);
            e = brokenBinary(resealed(count.array()));
            assertTrue(e.reason().contains("string-table value set"), e.getMessage());

            for (int bad : new int[] {1 << 30, 6, 0, root, -4}) {
                ByteBuffer ref = ByteBuffer.wrap(image.clone()).order(ByteOrder.nativeOrder());
                ref.putInt((int) (arenaAt + valueSet + 20), bad);
                e = brokenBinary(resealed(ref.array()));
                assertTrue(e.reason().contains("is not a string record"), e.getMessage());
            }

            // a string record's text: not UTF-8
            int first = n.getInt((int) (arenaAt + valueSet + 20));
            byte[] text = image.clone();
            text[(int) (arenaAt + first + 4)] = (byte) 0xff;
            e = brokenBinary(resealed(text));
            assertTrue(e.reason().contains("is not a string record"), e.getMessage());

            // another valid record's text: the hash (or the order) no longer matches
            ByteBuffer swapped = ByteBuffer.wrap(image.clone()).order(ByteOrder.nativeOrder());
            int other = -1;
            for (int c = 0, kids = n.getInt((int) (arenaAt + root + 4)) & 0x7fffffff; c < kids && other < 0; c++) {
                int vs = n.getInt((int) (arenaAt + n.getInt((int) (arenaAt + root + 20 + 4 * c)) + 8));
                if (vs != valueSet) {
                    other = n.getInt((int) (arenaAt + vs + 20));
                }
            }
            swapped.putInt((int) (arenaAt + valueSet + 20), other);
            e = brokenBinary(resealed(swapped.array()));
            assertTrue(e.reason().contains("does not match") || e.reason().contains("canonical order"), e.getMessage());
        }
    }

    @Test
    void binaryErrorsSayWhatIsWrong() {
        try (Qube q = sample()) {
            byte[] image = utf8Image(q);
            ByteBuffer le = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            at(brokenBinary(java.util.Arrays.copyOf(image, image.length - 1)), "<binary>", 1, image.length, "truncated");
            byte[] magic = image.clone();
            magic[0] = 'X';
            at(brokenBinary(magic), "<binary>", 1, 1, "magic");
            byte[] version = image.clone();
            ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
            at(brokenBinary(resealed(version)), "<binary>", 1, 9, "unsupported binary qube version 99");
            byte[] flipped = image.clone();
            flipped[image.length / 2] ^= 4;
            at(brokenBinary(flipped), "<binary>", 1, image.length - 3, "checksum mismatch");

            int keys = le.getInt(24);
            int tablesAt = 64;
            int at = tablesAt;
            for (int i = 0; i < keys; i++) {
                at += 4 + le.getInt(at);
            }
            // first codec name: overwrite its first letter so that no such codec is installed
            byte[] codec = image.clone();
            codec[at + 4] = 'Z';
            QubeFormatException unknown = brokenBinary(resealed(codec));
            assertTrue(unknown.reason().contains("is not installed"), unknown.getMessage());

            long arenaAt = le.getLong(48);
            int root = le.getInt(32);
            byte[] dangling = image.clone();
            // the root's first child reference points past the end of the arena
            ByteBuffer.wrap(dangling).order(ByteOrder.nativeOrder()).putInt((int) (arenaAt + root + 20), 1 << 30);
            QubeFormatException e = brokenBinary(resealed(dangling));
            assertTrue(e.reason().contains("is not a node record inside the arena"), e.getMessage());

            byte[] cycle = image.clone();
            ByteBuffer.wrap(cycle).order(ByteOrder.nativeOrder()).putInt((int) (arenaAt + root + 20), root);
            e = brokenBinary(resealed(cycle));
            assertTrue(e.reason().contains("cycle"), e.getMessage());

            byte[] children = image.clone();
            ByteBuffer.wrap(children).order(ByteOrder.nativeOrder()).putInt((int) (arenaAt + root + 4), 1 << 29);
            e = brokenBinary(resealed(children));
            assertTrue(e.reason().contains("runs past the end of the arena"), e.getMessage());

            ByteBuffer arena = ByteBuffer.wrap(image.clone()).order(ByteOrder.nativeOrder());
            int first = arena.getInt((int) (arenaAt + root + 20));
            int second = arena.getInt((int) (arenaAt + root + 24));
            arena.putInt((int) (arenaAt + root + 20), second).putInt((int) (arenaAt + root + 24), first);
            e = brokenBinary(resealed(arena.array()));
            assertTrue(e.reason().contains("not in canonical order"), e.getMessage());

            // the first child's value set: claim one value more than its payload holds
            ByteBuffer vs = ByteBuffer.wrap(image.clone()).order(ByteOrder.nativeOrder());
            int child = vs.getInt((int) (arenaAt + root + 20));
            int valueSet = vs.getInt((int) (arenaAt + child + 8));
            vs.putInt((int) (arenaAt + valueSet + 4), vs.getInt((int) (arenaAt + valueSet + 4)) + 1);
            e = brokenBinary(resealed(vs.array()));
            assertTrue(e.reason().contains("value set says"), e.getMessage());

            // its payload: the first value's end offset points far outside the payload
            ByteBuffer payload = ByteBuffer.wrap(image.clone()).order(ByteOrder.nativeOrder());
            payload.putInt((int) (arenaAt + valueSet + 20 + 8), 1 << 20);
            e = brokenBinary(resealed(payload.array()));
            assertTrue(e.reason().contains("cannot be decoded"), e.getMessage());

            byte[] nodes = image.clone();
            ByteBuffer.wrap(nodes).order(ByteOrder.LITTLE_ENDIAN).putInt(36, le.getInt(36) + 1);
            e = brokenBinary(resealed(nodes));
            assertTrue(e.reason().contains("nodes, the image holds"), e.getMessage());

            byte[] hash = image.clone();
            hash[(int) (arenaAt + root + 12)] ^= 1;
            e = brokenBinary(resealed(hash));
            assertTrue(e.reason().contains("hash does not match"), e.getMessage());
        }
    }
}
