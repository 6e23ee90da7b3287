package dev.qube.bench;

import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.internal.Access;
import dev.qube.internal.Walks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same work on every real catalogue of {@code ../shared/data}: load from its own format (JSON
 * or listing) and from {@code binary}, a select, union and intersection of its two halves, and
 * the count walk — with all codecs and with plain strings ({@code -p codecs=all,utf8}).
 *
 * <p>The halves: the catalogue's datacubes, alternately (so both halves span the whole tree). The
 * select: {@code param=V}, V the middle value of the {@code param} axis (every catalogue has one),
 * in RELAXED mode. Both are printed at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class CatalogueBench {

    @Param({"od.json", "extremes_dt.json", "climate_dt.json", "climate_dt_large.json.gz", "climate_dt_old_schema.json.gz",
            "fdb_list_porcelain.gz", "mars_list.gz", "oper_fdb.arena.json"})
    public String file;

    @Param({"heap"})
    public String arena;

    /**
     * {@code all}: every installed codec, the smallest per value set; {@code utf8}: plain strings
     * only; {@code notable}: every installed codec but the per-qube string table (not run by
     * default: {@code -p codecs=all,notable} compares the table on and off).
     */
    @Param({"all", "utf8"})
    public String codecs;

    private dev.qube.spi.Codecs.Scope codecScope;
    private byte[] original;
    private byte[] binary;
    private Qube qube;
    private Qube left;
    private Qube right;
    private Selection selection;

    @Setup(Level.Trial)
    public void load() throws IOException {
        codecScope = switch (codecs) {
            case "utf8" -> dev.qube.spi.Codecs.use(List.of());
            case "notable" -> dev.qube.spi.Codecs.use(dev.qube.spi.Codecs.inUse().stream()
                    .filter(c -> !dev.qube.internal.StringTable.is(c)).toList());
            case "all" -> () -> { };
            default -> throw new IllegalArgumentException("codecs: all, utf8 or notable, not " + codecs);
        };
        original = Data.bytes(file);
        qube = read(original, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QubeIO.write(qube, QubeFormat.BINARY, out);
        binary = out.toByteArray();
        QubeBuilder a = Qube.builder(arena);
        QubeBuilder b = Qube.builder(arena);
        List<Datacube> cubes = new ArrayList<>(qube.datacubes().toList());
        for (int i = 0; i < cubes.size(); i++) {
            (i % 2 == 0 ? a : b).add(cubes.get(i));
        }
        left = a.build();
        right = b.build();
        Map<String, SortedSet<String>> axes = qube.axes();
        List<String> params = new ArrayList<>(axes.get("param"));
        String value = params.get(params.size() / 2);
        selection = Selection.of(Map.of("param", List.of(value)));
        try (Qube s = qube.select(selection, SelectMode.RELAXED)) {
            System.err.printf("%n%s: %d unique nodes, %d datacubes, halves of %d and %d identifiers; select %s keeps %d of %d identifiers%n",
                    file, qube.nodeCount(), cubes.size(), left.countExact(), right.countExact(), "param=" + value,
                    s.countExact(), qube.countExact());
        }
    }

    private Qube read(byte[] bytes, QubeFormat format) {
        try {
            return QubeIO.read(new ByteArrayInputStream(bytes), file, format,
                    ReadOptions.defaults().withArena(arena).withWarnings(w -> { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        codecScope.close();
        qube.close();
        left.close();
        right.close();
    }

    @Benchmark
    public void loadOriginal(Blackhole bh) {
        try (Qube q = read(original, null)) {
            bh.consume(q.isEmpty());
        }
    }

    @Benchmark
    public void loadBinary(Blackhole bh) {
        try (Qube q = read(binary, QubeFormat.BINARY)) {
            bh.consume(q.isEmpty());
        }
    }

    @Benchmark
    public void selectParam(Blackhole bh) {
        try (Qube r = qube.select(selection, SelectMode.RELAXED)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void unionHalves(Blackhole bh) {
        try (Qube r = left.union(right)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void intersectHalves(Blackhole bh) {
        try (Qube r = left.intersect(right)) {
            bh.consume(r.isEmpty());
        }
    }

    /** The O(unique nodes) count walk, uncached: what a qube's first count costs (it caches its count). */
    @Benchmark
    public Object countWalk() {
        return Walks.countByWalk(Access.store(qube), Access.root(qube));
    }

    /**
     * The count over the dense numbering of the nodes that a store keeps once a walk has built it
     * (what counts of selections, depth and node counts cost after the first).
     */
    @Benchmark
    public Object countWalkNumbered() {
        return Walks.countNumbered(Access.store(qube), Access.root(qube));
    }

    /** Building the dense numbering anew, then the count over it: what the first numbered walk costs. */
    @Benchmark
    public Object countWalkFreshNumbering() {
        return Walks.countFresh(Access.store(qube), Access.root(qube));
    }
}
