package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.QubeNode;
import dev.qube.ReadOptions;
import dev.qube.TreeBuilder;
import dev.qube.internal.Providers;
import dev.qube.internal.StringTable;
import dev.qube.internal.Utf8Codec;
import dev.qube.spi.ValueCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the real catalogues in {@code -Dqube.data} (skipped when absent): a qube built with the codecs
 * is the same set as one built with plain strings and is smaller, and the bytes it saves are
 * exactly what choosing the smallest codec for each distinct value set saves, so the engine picks
 * the smallest; with the engine's per-qube string table too, it is the same set again, no larger,
 * and the bytes it saves are exactly those of storing each text of the table once. Prints the
 * figures recorded in {@code docs/CODECS.md}.
 */
class RealDataSizesTest {

    private static final int VALUE_SET_HEADER = 20; // the engine's value-set record header

    @AfterEach
    void restoreCodecs() {
        Providers.overrideCodecs(null);
    }

    private static Path data(String name) {
        Path file = Path.of(System.getProperty("qube.data", "../shared/data"), name);
        assumeTrue(Files.isRegularFile(file), () -> "real data not found at " + file.toAbsolutePath() + " (set -Dqube.data); skipped");
        return file;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** The identifiers of an FDB porcelain listing: lines {@code {k=v,...}{k=v,...}...}; other lines skipped. */
    static List<Identifier> readPorcelain(Path file) throws IOException {
        List<Identifier> ids = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("{")) {
                    continue;
                }
                List<String> kv = new ArrayList<>();
                for (String group : line.substring(1, line.lastIndexOf('}')).split("\\}\\{")) {
                    for (String pair : group.split(",")) {
                        int eq = pair.indexOf('=');
                        kv.add(pair.substring(0, eq));
                        kv.add(pair.substring(eq + 1));
                    }
                }
                ids.add(Identifier.of(kv.toArray(String[]::new)));
            }
        }
        return ids;
    }

    /** A qubed tree JSON file ({@code key}, {@code values}, {@code metadata}, {@code children}; root key {@code root}). */
    static Qube readQubedJson(Path file) throws IOException {
        TreeBuilder tb = Qube.treeBuilder("heap");
        try (InputStream in = open(file); JsonParser p = new JsonFactory().createParser(in)) {
            p.nextToken();
            node(p, tb, true);
        } catch (IOException | RuntimeException e) {
            tb.abandon();
            throw e;
        }
        return tb.build();
    }

    private static void node(JsonParser p, TreeBuilder tb, boolean root) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a node object at " + p.currentLocation());
        }
        String key = null;
        List<String> values = new ArrayList<>();
        boolean begun = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "key" -> key = p.getText();
                case "values" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        values.add(p.getText()); // a number and its text are the same value
                    }
                }
                case "children" -> {
                    if (!root) {
                        if (key == null || values.isEmpty()) {
                            throw new IOException("children before key and values at " + p.currentLocation());
                        }
                        tb.begin(key, values);
                        begun = true;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        node(p, tb, false);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!root) {
            if (!begun) {
                tb.begin(key, values);
            }
            tb.end();
        }
    }

    private static <T> T withCodecs(List<ValueCodec> codecs, Supplier<T> build) {
        Providers.overrideCodecs(codecs);
        try {
            return build.get();
        } finally {
            Providers.overrideCodecs(null);
        }
    }

    /** The distinct value sets of a qube. */
    private static Set<List<String>> valueSets(Qube q) {
        Set<List<String>> sets = new HashSet<>();
        Set<QubeNode> seen = new HashSet<>();
        Deque<QubeNode> todo = new ArrayDeque<>(List.of(q.root()));
        while (!todo.isEmpty()) {
            QubeNode n = todo.pop();
            if (seen.add(n)) {
                if (!n.isRoot()) {
                    sets.add(n.values());
                }
                todo.addAll(n.children());
            }
        }
        return sets;
    }

    private static long record(long payload) {
        return VALUE_SET_HEADER + ((payload + 3) & ~3L);
    }

    /**
     * Builds the file three ways (plain strings; this module's codecs; the codecs and the engine's
     * per-qube string table), checks the claims, prints one row of figures; returns the winners
     * with the string table.
     */
    private static Map<String, Integer> measure(String name, Supplier<Qube> build) {
        // this module's codecs, without the example codec of the test sources
        List<ValueCodec> all = Providers.codecs().stream().filter(c -> !c.name().startsWith("example-")).toList();
        List<ValueCodec> codecs = all.stream().filter(c -> !StringTable.is(c)).toList();
        assertTrue(all.contains(StringTable.INSTANCE), "the engine chooses the string table by default");
        List<ValueCodec> utf8 = List.of(new Utf8Codec());
        // copies hold only the live DAG: building a non-canonical tree leaves intermediate value sets behind
        try (Qube plainBuilt = withCodecs(utf8, build); Qube codedBuilt = withCodecs(codecs, build);
                Qube tabledBuilt = withCodecs(all, build);
                Qube plain = withCodecs(utf8, () -> plainBuilt.copyTo("heap"));
                Qube coded = withCodecs(codecs, () -> codedBuilt.copyTo("heap"));
                Qube tabled = withCodecs(all, () -> tabledBuilt.copyTo("heap"))) {
            assertEquals(plain, coded);
            assertEquals(plain, tabled);
            assertEquals(plain.toString(), coded.toString());
            assertEquals(plain.toString(), tabled.toString());
            assertEquals(plain.hashCode(), tabled.hashCode());
            Set<List<String>> sets = valueSets(coded);
            long plainBytes = 0;
            long bestBytes = 0;
            long tableSetBytes = 0;
            Set<String> tableTexts = new HashSet<>();
            Map<String, Integer> winners = new TreeMap<>();
            for (List<String> s : sets) {
                plainBytes += record(new Utf8Codec().encodedSize(s));
                ValueCodec best = null;
                long bestSize = Long.MAX_VALUE;
                for (ValueCodec c : codecs) {
                    long size = c.encodedSize(s);
                    if (size >= 0 && size < bestSize) {
                        best = c;
                        bestSize = size;
                    }
                }
                bestBytes += record(bestSize);
                // the table wins when it costs no more even if none of the set's texts were in it yet
                if (StringTable.INSTANCE.encodedSize(s) <= ((bestSize + 3) & ~3L)) {
                    tableSetBytes += record(4L * s.size());
                    tableTexts.addAll(s);
                    best = StringTable.INSTANCE;
                } else {
                    tableSetBytes += record(bestSize);
                }
                winners.merge(best.name(), 1, Integer::sum);
            }
            long stringBytes = tableTexts.stream().mapToLong(StringTable::recordBytes).sum();
            long tableBytes = tableSetBytes + stringBytes;
            System.out.printf("| `%s` | %d | %d | %d | %d | %d (%.0f%%) | %d (%.0f%%) | %d | %d | %d | %d | %s |%n", name,
                    coded.nodeCount(), sets.size(), sets.stream().mapToInt(List::size).sum(), plainBytes,
                    bestBytes, 100.0 * bestBytes / plainBytes, tableBytes, 100.0 * tableBytes / plainBytes,
                    plain.bytesInUse(), coded.bytesInUse(), tabled.bytesInUse(), tableTexts.size(), winners);
            assertTrue(bestBytes <= plainBytes, "codecs never cost bytes");
            assertTrue(tableBytes <= bestBytes, "the string table never costs bytes");
            assertEquals(plainBytes - bestBytes, plain.bytesInUse() - coded.bytesInUse(),
                    "the engine stores each value set with the smallest codec");
            assertEquals(bestBytes - tableBytes, coded.bytesInUse() - tabled.bytesInUse(),
                    "the engine stores each text of the string table once");
            return winners;
        }
    }

    @Test
    void fdbListing() throws IOException {
        List<Identifier> ids = readPorcelain(data("fdb_list_porcelain.gz"));
        assertEquals(56_950, ids.size());
        Map<String, Integer> winners = measure("fdb_list_porcelain.gz", () -> {
            var b = Qube.builder("heap");
            ids.forEach(b::add);
            return b.build();
        });
        assertTrue(winners.keySet().containsAll(List.of("bitmap", "packed", "ranges")), () -> "codecs that won: " + winners);
    }

    @Test
    void qubedCatalogues() throws IOException {
        for (String name : List.of("od.json", "climate_dt.json", "extremes_dt.json", "climate_dt_large.json.gz",
                "climate_dt_old_schema.json.gz")) {
            Path file = data(name);
            measure(name, () -> {
                try {
                    return readQubedJson(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void listingsAndArenaJson() {
        for (var file : Map.of("fdb_list_compact.gz", QubeFormat.FDB_COMPACT, "mars_list.gz", QubeFormat.MARS,
                "oper_fdb.arena.json", QubeFormat.ARENA_JSON).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Path path = data(file.getKey());
            measure(file.getKey(), () -> {
                try {
                    return QubeIO.read(path, file.getValue(), ReadOptions.defaults());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
