package dev.qube.tests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every writable format, read back by its reader (found by detection, as a user's file would be),
 * on every real catalogue of {@code ../shared/data}: the same identifier set, and for the formats
 * qubed reads, the shape qubed reads without loss.
 *
 * <p>Pairs that are provably the same code path are not repeated: a format named with
 * {@code --from} and the same format detected use one reader, and {@code tree-json-plain} and
 * {@code ascii-qubed} are read by the {@code tree-json} and {@code ascii} readers (the detection
 * asserted here says so), so on the one catalogue of more than 10,000 tree nodes
 * (climate_dt_large, 33,095) these two writers are left to the eight others. One identifier a line
 * ({@code ids}) is written for the catalogues of at most 100,000 identifiers only: the others hold
 * up to 278 million.
 */
class ConversionMatrixTest {

    static final List<QubeFormat> WRITABLE = List.of(QubeFormat.ASCII, QubeFormat.ASCII_QUBED, QubeFormat.IDS, QubeFormat.TREE_JSON,
            QubeFormat.TREE_JSON_PLAIN, QubeFormat.NESTED_JSON, QubeFormat.ARENA_JSON, QubeFormat.BINARY);

    /** The reader detection must pick for what each format writes. */
    static final Map<QubeFormat, QubeFormat> DETECTED = Map.of(QubeFormat.ASCII_QUBED, QubeFormat.ASCII,
            QubeFormat.TREE_JSON_PLAIN, QubeFormat.TREE_JSON);

    static Path data(String name) {
        String dir = System.getProperty("qube.data");
        Assumptions.assumeTrue(dir != null, "system property qube.data is not set: no real data to test against");
        Path p = Path.of(dir, name);
        Assumptions.assumeTrue(Files.isReadable(p), "real data file " + p + " is absent; skipping");
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"od.json", "extremes_dt.json", "climate_dt.json", "climate_dt_large.json.gz", "climate_dt_old_schema.json.gz",
        "oper_fdb.arena.json", "fdb_list_porcelain.gz", "fdb_list_compact.gz", "mars_list.gz"})
    void everyWritableFormatReadsBackToTheSameIdentifiers(String file) throws IOException {
        List<String> warnings = new ArrayList<>();
        try (Qube q = QubeIO.read(data(file), null, QubedGoldenTest.OPTIONS.withWarnings(warnings::add))) {
            for (QubeFormat f : WRITABLE) {
                if (f == QubeFormat.IDS && q.countExact().compareTo(BigInteger.valueOf(100_000)) > 0) {
                    continue;
                }
                if (DETECTED.containsKey(f) && q.treeNodeCount().compareTo(BigInteger.valueOf(10_000)) > 0) {
                    continue; // read by the ascii / tree-json reader, already run on this file; the writer runs on the others
                }
                byte[] bytes = QubedGoldenTest.write(q, f);
                String source = file + "." + f.id();
                try (var in = new BufferedInputStream(new ByteArrayInputStream(bytes))) {
                    assertEquals(DETECTED.getOrDefault(f, f), QubeIO.detect(in, source), "detection of " + source);
                }
                try (Qube back = QubeIO.read(new ByteArrayInputStream(bytes), source, null, QubedGoldenTest.OPTIONS)) {
                    assertEquals(q.countExact(), back.countExact(), source);
                    assertEquals(q, back, source);
                }
                switch (f) {
                    case TREE_JSON -> QubedShapes.treeEnvelope(bytes);
                    case ARENA_JSON -> QubedShapes.arena(bytes);
                    case NESTED_JSON -> QubedShapes.nested(bytes);
                    case ASCII_QUBED -> QubedShapes.ascii(new String(bytes, StandardCharsets.UTF_8));
                    default -> { }
                }
            }
        }
    }
}
