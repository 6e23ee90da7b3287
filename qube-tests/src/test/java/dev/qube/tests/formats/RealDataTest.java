package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The qubed files of {@code ../shared/data} load with the counts their README gives. */
class RealDataTest {

    static final ReadOptions OPTIONS = ReadOptions.defaults().withArena(ByteArrayArenaProvider.NAME);

    /** The data file, or the test is skipped (with the reason) when the data directory is absent. */
    static Path data(String name) {
        String dir = System.getProperty("qube.data");
        Assumptions.assumeTrue(dir != null, "system property qube.data is not set: no real data to test against");
        Path p = Path.of(dir, name);
        Assumptions.assumeTrue(Files.isReadable(p), "real data file " + p + " is absent; skipping");
        return p;
    }

    static Qube read(String name) throws Exception {
        return QubeIO.read(data(name), null, OPTIONS);
    }

    @ParameterizedTest
    @CsvSource({
        "od.json, 1107249",
        "extremes_dt.json, 95919906",
        "climate_dt.json, 8932586",
        "climate_dt_large.json.gz, 8657458",
        "climate_dt_old_schema.json.gz, 278678381",
    })
    void treeJsonFilesCountAsTheReadmeSays(String file, long identifiers) throws Exception {
        try (Qube q = read(file)) {
            assertEquals(identifiers, q.count(), file);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "od.json, tree-json",
        "extremes_dt.json, tree-json",
        "climate_dt.json, tree-json",
        "climate_dt_large.json.gz, tree-json",
        "climate_dt_old_schema.json.gz, tree-json",
        "oper_fdb.arena.json, arena-json",
    })
    void detectionPicksTheFormat(String file, String format) throws Exception {
        try (InputStream raw = Files.newInputStream(data(file));
                InputStream in = new BufferedInputStream(file.endsWith(".gz") ? new GZIPInputStream(raw) : raw, 1 << 16)) {
            assertEquals(QubeFormat.byId(format), QubeIO.detect(in, file));
        }
    }

    @Test
    void oldSchemaLoadsCanonicalWithFewerTreeNodesThanTheFile() throws Exception {
        try (Qube q = read("climate_dt_old_schema.json.gz")) {
            assertTrue(q.treeNodeCount().compareTo(BigInteger.valueOf(6778)) < 0,
                    "the file has 6,778 nodes; the canonical tree has " + q.treeNodeCount());
            try (Qube again = QubeIO.read(new ByteArrayInputStream(q.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "<ascii>", QubeFormat.ASCII, OPTIONS)) {
                assertEquals(q.toString(), again.toString(), "canonical form is a fixed point");
            }
        }
    }

    @Test
    void climateDtLargeStoresMarkedlyFewerUniqueNodesThanItsTree() throws Exception {
        long start = System.nanoTime();
        try (Qube q = read("climate_dt_large.json.gz")) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("climate_dt_large.json.gz: first load " + ms + " ms (cold JVM), " + q.nodeCount()
                    + " stored nodes, " + q.treeNodeCount() + " tree nodes");
            assertEquals(BigInteger.valueOf(33095), q.treeNodeCount(), "the file is already compressed");
            assertTrue(q.nodeCount() * 2 < 33095, "stored nodes: " + q.nodeCount());
        }
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            try (Qube q = read("climate_dt_large.json.gz")) {
                System.out.println("climate_dt_large.json.gz: warm load " + (System.nanoTime() - t) / 1_000_000 + " ms, "
                        + q.count() + " identifiers");
            }
        }
    }

    @Test
    void operFdbArenaJsonCountsAsAnIndependentExpansion() throws Exception {
        Path file = data("oper_fdb.arena.json");
        // independent expansion: records into maps, then count root-to-leaf products directly
        List<List<String>> values = new ArrayList<>();
        List<List<Integer>> children = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("qube")) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        List<String> vs = new ArrayList<>();
                        List<Integer> cs = new ArrayList<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (f.equals("coords")) {
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    p.nextToken();
                                    while (p.nextToken() != JsonToken.END_ARRAY) {
                                        vs.add(p.getText());
                                    }
                                }
                            } else if (f.equals("children")) {
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    cs.add(p.getIntValue());
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                        values.add(vs);
                        children.add(cs);
                    }
                }
            }
        }
        assertEquals(38, values.size());
        long expected = leaves(0, values, children, new HashMap<>());
        try (Qube q = read("oper_fdb.arena.json")) {
            assertEquals(expected, q.count());
            assertEquals(100, expected, "94 + 3 + 2 + 1 steps under the four dates");
        }
    }

    private static long leaves(int rec, List<List<String>> values, List<List<Integer>> children, Map<Integer, Long> memo) {
        long below = children.get(rec).isEmpty() ? 1 : 0;
        for (int c : children.get(rec)) {
            below += leaves(c, values, children, memo);
        }
        return rec == 0 ? below : below * values.get(rec).size();
    }

    // every writable format on every real file: dev.qube.tests.interop.ConversionMatrixTest
}
