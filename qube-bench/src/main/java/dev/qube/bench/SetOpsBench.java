package dev.qube.bench;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
 * Set algebra on real halves (the FDB listing split by line order; reference union 8.5 ms) and the
 * many-way union of 100,000 single-identifier qubes (target under 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-Xmx8g"})
@State(Scope.Benchmark)
public class SetOpsBench {

    @Param({"heap"})
    public String arena;

    /** {@code all}: every installed codec (qube-values), the smallest per value set; {@code utf8}: plain strings only. */
    @Param({"all", "utf8"})
    public String codecs;

    private dev.qube.spi.Codecs.Scope codecScope;

    private Qube first;
    private Qube second;

    private Qube read(List<String> lines) {
        try {
            return QubeIO.read(new ByteArrayInputStream(Listing.join(lines)), "<fdb>", QubeFormat.FDB,
                    ReadOptions.defaults().withArena(arena).withWarnings(w -> { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup(Level.Trial)
    public void load() {
        codecScope = codecs.equals("utf8") ? dev.qube.spi.Codecs.use(java.util.List.of()) : () -> { };
        List<String> lines = Listing.lines();
        first = read(lines.subList(0, lines.size() / 2));
        second = read(lines.subList(lines.size() / 2, lines.size()));
    }

    /**
     * 100,000 single-identifier qubes (the listing's identifiers, then variations of them), made
     * only for {@link #unionOf100kSingles}; on the heap backend whatever the arena parameter, since
     * 100,000 open mapped qubes would pass the process's limit of memory mappings.
     */
    @State(Scope.Benchmark)
    public static class Singles {
        List<Qube> qubes;

        /** Threads of the many-way union (the speed-up from 1 to 2). */
        @Param({"1", "2"})
        public int threads;

        @Setup(Level.Trial)
        public void make() {
            List<Identifier> ids = new ArrayList<>();
            List<String> lines = Listing.lines();
            try (Qube all = QubeIO.read(new ByteArrayInputStream(Listing.join(lines)), "<fdb>", QubeFormat.FDB,
                    ReadOptions.defaults().withArena("heap").withWarnings(w -> { }))) {
                all.forEachIdentifier(c -> ids.add(c.toIdentifier()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            qubes = new ArrayList<>(100_000);
            for (int i = 0; qubes.size() < 100_000; i++) {
                Identifier base = ids.get(i % ids.size());
                Identifier id = i < ids.size() ? base : Identifier.of(appendCopy(base, i / ids.size()));
                qubes.add(Qube.builder("heap").add(id).build());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            qubes.forEach(Qube::close);
        }
    }

    private static List<java.util.Map.Entry<String, String>> appendCopy(Identifier base, int round) {
        List<java.util.Map.Entry<String, String>> p = new ArrayList<>(base.pairs());
        p.add(java.util.Map.entry("copy", Integer.toString(round)));
        return p;
    }

    @TearDown(Level.Trial)
    public void close() {
        first.close();
        second.close();
        codecScope.close();
    }

    @Benchmark
    public void unionOfHalves(Blackhole bh) {
        try (Qube r = first.union(second)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void intersectOfHalves(Blackhole bh) {
        try (Qube r = first.intersect(second)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    @Measurement(iterations = 3, time = 5)
    public void unionOf100kSingles(Singles singles, Blackhole bh) {
        try (Qube r = Qube.union(singles.qubes, singles.threads)) {
            bh.consume(r.isEmpty());
        }
    }
}
