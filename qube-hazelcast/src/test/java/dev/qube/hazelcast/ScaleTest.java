package dev.qube.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.hazelcast.internal.Images;
import dev.qube.hazelcast.internal.ListingPieces;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The timed harness of docs/PERFORMANCE.md ("Hazelcast"), run with {@code -Pscale}: a listing of
 * more than 10^7 identifiers (every identifier of climate_dt.json and od.json, one a line) built
 * locally, on one embedded member and on two, plain and gzip; each result equals the local one.
 * The listings are written once to target/scale and reused. Figures go to standard error and
 * target/scale/figures.txt.
 */
@Tag("scale")
class ScaleTest {

    static final Path DIR = Path.of("target", "scale");
    final StringBuilder report = new StringBuilder();

    static Path synthetic() throws IOException {
        Files.createDirectories(DIR);
        Path ids = DIR.resolve("synthetic.ids");
        if (!Files.exists(ids)) {
            try (Qube a = QubeIO.read(Data.file("climate_dt.json")); Qube b = QubeIO.read(Data.file("od.json"));
                 Qube u = a.union(b)) {
                assertTrue(u.countExact().compareTo(BigInteger.TEN.pow(7)) >= 0, u.countExact().toString());
                Path tmp = DIR.resolve("synthetic.ids.tmp");
                QubeIO.write(u, QubeFormat.IDS, tmp);
                Files.move(tmp, ids);
            }
        }
        return ids;
    }

    /** The listing cut into {@code n} gzip files of whole lines: the many-listings case. */
    static List<Path> gzipParts(Path ids, int n) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(DIR.resolve("part-" + i + "-of-" + n + ".ids.gz"));
        }
        if (!Files.exists(parts.getLast())) {
            long lines;
            try (var l = Files.lines(ids)) {
                lines = l.count();
            }
            try (var r = Files.newBufferedReader(ids)) {
                for (int i = 0; i < n; i++) {
                    Path tmp = DIR.resolve("part.tmp");
                    try (var w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                            new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)))) {
                        for (long k = lines * i / n; k < lines * (i + 1) / n; k++) {
                            w.write(r.readLine());
                            w.write('\n');
                        }
                    }
                    Files.move(tmp, parts.get(i));
                }
            }
        }
        return parts;
    }

    static Path gzipped(Path ids) throws IOException {
        Path gz = DIR.resolve("synthetic.ids.gz");
        if (!Files.exists(gz)) {
            Path tmp = DIR.resolve("synthetic.ids.gz.tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                Files.copy(ids, out);
            }
            Files.move(tmp, gz);
        }
        return gz;
    }

    <T> T timed(String what, Supplier<T> run) {
        long t0 = System.nanoTime();
        T r = run.get();
        String line = String.format(Locale.ROOT, "%-62s %8.2f s", what, (System.nanoTime() - t0) / 1e9);
        System.err.println("scale: " + line);
        report.append(line).append('\n');
        return r;
    }

    Qube local(Path f) {
        try {
            return QubeIO.read(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Qube onMembers(int members, List<Path> f) {
        try (QubeCluster c = QubeCluster.embedded(members)) {
            return timed(members + " member(s): build (cluster already up)", () -> c.build(f));
        }
    }

    /** The parts of the two-member plan, each on this thread, and the final merge on its own. */
    void mergeCost(Path f) {
        List<Qube> halves = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int share = s;
            halves.add(timed("  share " + s + " of 2 read and unioned alone", () -> {
                List<Qube> parts = new ArrayList<>();
                try (ListingPieces p = new ListingPieces(List.of(f.toString()), null, QubeCluster.DEFAULT_PIECE_LINES,
                        share, 2, false)) {
                    for (Qube q = p.next(); q != null; q = p.next()) {
                        parts.add(q);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return Qube.union(parts);
            }));
        }
        byte[] image = timed("  final merge: union of the two halves + binary image", () ->
                Images.toBytes(halves.get(0).union(halves.get(1))));
        timed("  result read back from its image", () -> Images.fromBytes(image, "image"));
    }

    @Test
    void localVersusOneAndTwoMembers() throws IOException {
        Path ids = synthetic();
        Path gz = gzipped(ids);
        List<Path> parts = gzipParts(ids, 8);
        report.append(String.format(Locale.ROOT, "load average at start: %s", Files.readString(Path.of("/proc/loadavg"))));
        report.append(String.format(Locale.ROOT, "processors available: %d%n", Runtime.getRuntime().availableProcessors()));
        local(ids).close(); // warm-up: the JIT, the page cache

        report.append(String.format(Locale.ROOT, "input %s: %,d bytes%n", ids, Files.size(ids)));
        Qube expected = timed("local: QubeIO.read (plain)", () -> local(ids));
        report.append("identifiers: ").append(expected.countExact()).append(", nodes: ")
                .append(expected.nodeCount()).append('\n');
        for (int members : new int[] {1, 2}) {
            Qube q = onMembers(members, List.of(ids));
            assertEquals(expected, q);
            assertEquals(expected.toString(), q.toString());
        }
        mergeCost(ids);

        report.append(String.format(Locale.ROOT, "input %s: %,d bytes%n", gz, Files.size(gz)));
        timed("local: QubeIO.read (gzip)", () -> local(gz));
        for (int members : new int[] {1, 2}) {
            assertEquals(expected, onMembers(members, List.of(gz)));
        }

        report.append(String.format(Locale.ROOT, "input: the same lines in %d gzip files%n", parts.size()));
        timed("local: read each, then one many-way union", () -> Qube.union(parts.stream().map(this::local).toList()));
        for (int members : new int[] {1, 2}) {
            assertEquals(expected, onMembers(members, parts));
        }
        report.append(String.format(Locale.ROOT, "load average at end: %s", Files.readString(Path.of("/proc/loadavg"))));
        Files.writeString(DIR.resolve("figures.txt"), report);
    }
}
