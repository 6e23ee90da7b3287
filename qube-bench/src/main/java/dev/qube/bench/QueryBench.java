package dev.qube.bench;

import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
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

/** Select, count and iteration on a loaded real catalogue (the reference's select figures are for climate_dt_large). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class QueryBench {

    @Param({"climate_dt_large.json.gz"})
    public String file;

    @Param({"heap"})
    public String arena;

    /** {@code all}: every installed codec (qube-values), the smallest per value set; {@code utf8}: plain strings only. */
    @Param({"all", "utf8"})
    public String codecs;

    private dev.qube.spi.Codecs.Scope codecScope;

    private Qube qube;
    private final Selection param167 = Selection.parse("param=167");
    private final Selection histSfc = Selection.parse("experiment=hist,levtype=sfc,param=167/130");

    @Setup(Level.Trial)
    public void load() {
        codecScope = codecs.equals("utf8") ? dev.qube.spi.Codecs.use(java.util.List.of()) : () -> { };
        qube = Data.load(file, arena);
    }

    @TearDown(Level.Trial)
    public void close() {
        codecScope.close();
        qube.close();
    }

    /** qubed: 0.132 s on climate_dt_large. */
    @Benchmark
    public void selectParam167(Blackhole bh) {
        try (Qube r = qube.select(param167, SelectMode.RELAXED)) {
            bh.consume(r.isEmpty());
        }
    }

    /** qubed: 0.056 s on climate_dt_large. */
    @Benchmark
    public void selectHistSfc(Blackhole bh) {
        try (Qube r = qube.select(histSfc, SelectMode.RELAXED)) {
            bh.consume(r.isEmpty());
        }
    }

    /** The count of {@code param=167} without making the selected qube ({@code Qube.count(Selection, SelectMode)}). */
    @Benchmark
    public long countParam167() {
        return qube.count(param167, SelectMode.RELAXED);
    }

    /** The count of {@code experiment=hist,levtype=sfc,param=167/130} without making it. */
    @Benchmark
    public long countHistSfc() {
        return qube.count(histSfc, SelectMode.RELAXED);
    }

    /** Count from scratch: a copy has no cached count, so this measures the O(nodes) walk (plus the copy, see {@link #copy}). */
    @Benchmark
    public void countUncached(Blackhole bh) {
        try (Qube c = qube.copyTo(arena)) {
            bh.consume(c.countExact());
        }
    }

    /** The copy that {@link #countUncached} includes, to subtract. */
    @Benchmark
    public void copy(Blackhole bh) {
        try (Qube c = qube.copyTo(arena)) {
            bh.consume(c.isEmpty());
        }
    }
}
