package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeNode;
import dev.qube.internal.Providers;
import dev.qube.internal.Utf8Codec;
import dev.qube.spi.ValueCodec;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the real FDB listing of the Climate DT ({@code fdb_list_porcelain.gz} in {@code -Dqube.data}):
 * the qube built with the codecs is the same set as the one built with plain strings, it is
 * smaller, and the bytes saved are exactly what choosing the smallest codec for each distinct value
 * set saves, so the engine picks the smallest.
 */
class FdbListingSizesTest {

    private static final int VALUE_SET_HEADER = 20; // the engine's value-set record header

    @AfterEach
    void restoreCodecs() {
        Providers.overrideCodecs(null);
    }

    /** The identifiers of an FDB porcelain listing: lines {@code {k=v,...}{k=v,...}...}; other lines skipped. */
    static List<Identifier> readPorcelain(Path file) throws IOException {
        List<Identifier> ids = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
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

    private static Qube build(List<Identifier> ids, List<ValueCodec> codecs) {
        Providers.overrideCodecs(codecs);
        try {
            var b = Qube.builder("heap");
            ids.forEach(b::add);
            return b.build();
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

    @Test
    void codecsMakeTheRealListingSmallerAndTheEnginePicksTheSmallest() throws IOException {
        Path file = Path.of(System.getProperty("qube.data", "../shared/data"), "fdb_list_porcelain.gz");
        assumeTrue(Files.isRegularFile(file), () -> "real data not found at " + file.toAbsolutePath() + " (set -Dqube.data); skipped");
        List<Identifier> ids = readPorcelain(file);
        assertEquals(56_950, ids.size());
        List<ValueCodec> all = Providers.codecs();
        try (Qube plain = build(ids, List.of(new Utf8Codec())); Qube coded = build(ids, null)) {
            assertEquals(plain, coded);
            assertEquals(plain.toString(), coded.toString());
            assertEquals(56_950, coded.count());
            Set<List<String>> sets = valueSets(coded);
            long plainBytes = 0;
            long bestBytes = 0;
            Map<String, Integer> winners = new TreeMap<>();
            for (List<String> s : sets) {
                plainBytes += record(new Utf8Codec().encodedSize(s));
                ValueCodec best = null;
                long bestSize = Long.MAX_VALUE;
                for (ValueCodec c : all) {
                    long size = c.encodedSize(s);
                    if (size >= 0 && size < bestSize) {
                        best = c;
                        bestSize = size;
                    }
                }
                bestBytes += record(bestSize);
                winners.merge(best.name(), 1, Integer::sum);
            }
            System.out.printf("fdb_list_porcelain: %d identifiers, %d stored nodes, %d distinct value sets (%d values)%n",
                    coded.count(), coded.nodeCount(), sets.size(), sets.stream().mapToInt(List::size).sum());
            System.out.printf("  value bytes: plain strings %d, with codecs %d (%.1f%%); codecs chosen %s%n",
                    plainBytes, bestBytes, 100.0 * bestBytes / plainBytes, winners);
            System.out.printf("  qube bytes in use: plain strings %d, with codecs %d%n", plain.bytesInUse(), coded.bytesInUse());
            assertTrue(bestBytes < plainBytes, "codecs save bytes on real data");
            assertEquals(plainBytes - bestBytes, plain.bytesInUse() - coded.bytesInUse(),
                    "the engine stores each value set with the smallest codec");
            assertTrue(winners.keySet().size() >= 3, () -> "several codecs win on real data: " + winners);
        }
    }
}
