package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappedQubes#open} maps a binary qube file in place: same qube as reading it, damaged files rejected, closed is closed. */
class MappedQubesTest {

    @TempDir
    Path dir;

    /** The reference backend of these tests (this module has no heap backend on its test path). */
    private static final String REF = OffHeapArenaProvider.NAME;

    private static final Qube SMALL = Qube.parse(new java.io.StringReader("""
            root
            ├── class=od, expver=0001/0002, param=1/2
            └── class=rd
                ├── expver=0001, param=1/2/3
                └── expver=0002, param=1/2
            """), "small", REF);

    private static Qube of(String... ids) {
        var b = Qube.builder(REF);
        for (String id : ids) {
            b.add(id);
        }
        return b.build();
    }

    private Path write(Qube q, String name) throws IOException {
        Path file = dir.resolve(name);
        QubeIO.write(q, QubeFormat.BINARY, file);
        return file;
    }

    /** The Climate DT catalogue of {@code -Dqube.data}, read (copied) into an off-heap arena; skips the test when absent. */
    private static Qube catalogue() throws IOException {
        String data = System.getProperty("qube.data");
        Assumptions.assumeTrue(data != null, "skipped: -Dqube.data is not set");
        Path file = Path.of(data, "climate_dt_large.json.gz");
        Assumptions.assumeTrue(Files.isReadable(file), () -> "skipped: " + file + " is absent");
        return QubeIO.read(file, null, dev.qube.ReadOptions.defaults().withArena(REF));
    }

    @Test
    void aMappedCatalogueIsTheQubeThatWasWritten() throws IOException {
        try (Qube ref = catalogue()) {
            Path file = write(ref, "climate.qube");
            try (Qube mapped = MappedQubes.open(file)) {
                assertEquals(MappedArenaProvider.NAME, mapped.arenaName());
                assertEquals(ref, mapped);
                assertEquals(ref.hashCode(), mapped.hashCode());
                assertEquals(ref.countExact(), mapped.countExact());
                assertEquals(ref.nodeCount(), mapped.nodeCount());
                assertEquals(ref.axes(), mapped.axes());
                assertEquals(ref.toString(), mapped.toString());
                for (Selection s : selections(ref.axes())) {
                    for (SelectMode mode : SelectMode.values()) {
                        try (Qube a = ref.select(s, mode); Qube b = mapped.select(s, mode)) {
                            assertEquals(a, b, () -> "select " + s + " " + mode);
                            assertEquals(a.count(), b.count());
                            assertEquals(MappedArenaProvider.NAME, b.arenaName(), "results go to the mapped backend");
                        }
                    }
                }
            }
        }
    }

    /** For each key, a selection of its first and last value. */
    private static List<Selection> selections(Map<String, SortedSet<String>> axes) {
        List<Selection> out = new ArrayList<>();
        axes.forEach((k, v) -> out.add(Selection.of(Map.of(k, List.of(v.first(), v.last())))));
        return out;
    }

    @Test
    void imagesWithAndWithoutTheStringTableMapInPlace() throws IOException {
        Path table = write(SMALL, "table.qube");
        Path plain;
        try (dev.qube.spi.Codecs.Scope utf8 = dev.qube.spi.Codecs.use(java.util.List.of())) {
            plain = write(SMALL, "plain.qube");
        }
        java.nio.ByteBuffer t = java.nio.ByteBuffer.wrap(Files.readAllBytes(table)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer p = java.nio.ByteBuffer.wrap(Files.readAllBytes(plain)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, t.getInt(8), "the string table makes a version 2 image");
        assertEquals(1, p.getInt(8), "plain texts stay version 1");
        try (Qube a = MappedQubes.open(table); Qube b = MappedQubes.open(plain); Qube u = a.union(b)) {
            assertEquals(SMALL, a);
            assertEquals(SMALL, b);
            assertEquals(SMALL.toString(), a.toString());
            assertEquals(SMALL.hashCode(), a.hashCode());
            assertEquals(SMALL, u);
            assertTrue(a.contains("class=rd,expver=0001,param=3"));
        }
    }

    @Test
    void operationsOnAMappedQubeGoToTheWritableMappedBackendAndOutliveIt() throws IOException {
        Path file = write(SMALL, "small.qube");
        Qube other = of("class=od,expver=0003,param=1", "class=rd,expver=0001,param=1");
        Qube union;
        Qube inter;
        try (Qube mapped = MappedQubes.open(file)) {
            union = mapped.union(other);
            inter = mapped.intersect(other);
        }
        try (union; inter; other) {
            assertEquals(MappedArenaProvider.NAME, union.arenaName());
            assertEquals(MappedArenaProvider.NAME, inter.arenaName());
            assertEquals(10, union.count(), "closing the mapped input never breaks the result");
            try (Qube refUnion = SMALL.union(other); Qube expected = of("class=rd,expver=0001,param=1")) {
                assertEquals(refUnion, union);
                assertEquals(expected, inter);
            }
        }
    }

    @Test
    void useAfterCloseThrowsAndTheMappingIsReleased() throws IOException {
        Path file = write(SMALL, "small.qube");
        long bytes = MappedArenas.liveBytes();
        long arenas = MappedArenas.liveArenas();
        Qube q = MappedQubes.open(file);
        assertEquals(bytes + Files.size(file), MappedArenas.liveBytes(), "the gauge counts the mapped file");
        assertEquals(arenas + 1, MappedArenas.liveArenas());
        assertEquals(9, q.count());
        q.close();
        assertEquals(bytes, MappedArenas.liveBytes());
        assertEquals(arenas, MappedArenas.liveArenas());
        assertThrows(IllegalStateException.class, q::count);
        assertThrows(IllegalStateException.class, () -> q.contains("class=od,expver=0001,param=1"));
        assertThrows(IllegalStateException.class, () -> q.union(SMALL));
        assertThrows(IllegalStateException.class, q::toString);
        q.close();
        Files.delete(file); // nothing holds the file any more
    }

    @Test
    void damagedFilesAreRejectedWhenOpenedAndNothingStaysMapped() throws IOException {
        byte[] good = Files.readAllBytes(write(SMALL, "small.qube"));
        long bytes = MappedArenas.liveBytes();
        long arenas = MappedArenas.liveArenas();

        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 9);
        assertRejected("truncated", truncated, "truncated");

        for (int at : new int[] {9, 70, good.length / 2, good.length - 6}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            assertRejected("flipped byte " + at, flipped, null);
        }

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRejected("wrong magic", magic, "magic");
        assertRejected("empty", new byte[0], "magic");
        assertRejected("text", "root\n└── class=od\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "magic");

        assertEquals(bytes, MappedArenas.liveBytes(), "a rejected file is unmapped at once");
        assertEquals(arenas, MappedArenas.liveArenas());
        assertThrows(NoSuchFileException.class, () -> MappedQubes.open(dir.resolve("absent.qube")));
    }

    private void assertRejected(String what, byte[] content, String reason) throws IOException {
        Path file = dir.resolve(what.replace(' ', '-') + ".qube");
        Files.write(file, content);
        QubeFormatException e = assertThrows(QubeFormatException.class, () -> MappedQubes.open(file).close(), what);
        assertEquals(file.toString(), e.source(), () -> what + ": the error names the file");
        if (reason != null) {
            assertTrue(e.reason().contains(reason), () -> what + ": " + e.getMessage());
        }
    }

    @Test
    void fourThreadsReadingOneMappedQubeAgree() throws Exception {
        Qube source = bigEnough();
        Path file = write(source, "many.qube");
        try (source; Qube mapped = MappedQubes.open(file)) {
            String ascii = mapped.toString();
            List<String> ids = mapped.identifiers().map(Object::toString).toList();
            Selection sel = Selection.parse("b=1/3/5,c=2");
            String selected;
            try (Qube s = mapped.select(sel)) {
                selected = s.toString();
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(pool.submit((Callable<Void>) () -> {
                        for (int round = 0; round < 20; round++) {
                            assertEquals(ascii, mapped.toString());
                            assertEquals(ids, mapped.identifiers().map(Object::toString).toList());
                            try (Qube s = mapped.select(sel)) {
                                assertEquals(selected, s.toString());
                            }
                            assertTrue(mapped.contains("a=2,b=7,c=3"));
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static Qube bigEnough() {
        var b = Qube.builder(REF);
        for (int a = 0; a < 5; a++) {
            for (int bb = 0; bb < 10; bb++) {
                for (int c = 0; c < (a + bb) % 6 + 1; c++) {
                    b.add("a=" + a + ",b=" + bb + ",c=" + c);
                }
            }
        }
        return b.build();
    }

    @Test
    void theRecordsArenaIsReadOnly() {
        Arena shared = Arena.ofShared();
        MemorySegment records = shared.allocate(64, 8);
        var arena = new MappedQubes.ReadOnlyArena(shared, 64, records, dir.resolve("x"));
        assertEquals(64, arena.bytesInUse());
        assertTrue(arena.segment().isReadOnly());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> arena.allocate(8, 8));
        assertTrue(e.getMessage().contains("read-only"), e::getMessage);
        arena.close();
        assertThrows(IllegalStateException.class, () -> records.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0),
                "close closes the shared arena");
        assertThrows(IllegalStateException.class, arena::segment);
        assertEquals(0, arena.bytesInUse());
    }

    /** A binary image with metadata (format version 3) opened in place keeps the metadata; its operations carry it. */
    @Test
    void metadataOpenedInPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("meta.qube");
        try (Qube lumi = Qube.builder("offheap").add(dev.qube.Identifier.parse("class=od,param=1"), dev.qube.Metadata.of("location", "lumi"))
                .add(dev.qube.Identifier.parse("class=od,param=2"), dev.qube.Metadata.of(Map.of("location", List.of("lumi", "mn5"),
                        "offset", List.of("4096"))))
                .add("class=rd,param=3").build()) {
            QubeIO.write(lumi, QubeFormat.BINARY, file);
            try (Qube mapped = MappedQubes.open(file); Qube sel = mapped.select(Selection.parse("param=2"))) {
                assertEquals(lumi, mapped);
                assertEquals("location=lumi/mn5,offset=4096", mapped.metadata("class=od,param=2").orElseThrow().toString());
                assertEquals(dev.qube.Metadata.EMPTY, mapped.metadata("class=rd,param=3").orElseThrow());
                assertEquals(Map.of("lumi", 2L, "mn5", 1L), mapped.metadataValues("location"));
                assertEquals("location=lumi/mn5,offset=4096", sel.metadata("class=od,param=2").orElseThrow().toString());
            }
        }
    }
}
