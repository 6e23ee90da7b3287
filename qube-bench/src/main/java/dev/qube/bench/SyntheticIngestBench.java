package dev.qube.bench;

import dev.qube.Qube;
import dev.qube.QubeBuilder;
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
 * Ingest at scale: every identifier of climate_dt.json and od.json (8,932,586 + 1,107,249 =
 * 10,039,835) streamed one by one into a fresh builder, as a listing of ten million lines would
 * be, and built into one canonical qube. Single shot: one build per iteration.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-Xmx12g"})
@State(Scope.Benchmark)
public class SyntheticIngestBench {

    static final long IDENTIFIERS = 8_932_586L + 1_107_249L;

    @Param({"heap"})
    public String arena;

    private Qube climate;
    private Qube od;

    @Setup(Level.Trial)
    public void load() {
        climate = Data.load("climate_dt.json", arena);
        od = Data.load("od.json", arena);
        if (climate.count() + od.count() != IDENTIFIERS) {
            throw new IllegalStateException("expected " + IDENTIFIERS + " identifiers");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        climate.close();
        od.close();
    }

    @Benchmark
    public void tenMillionIdentifiers(Blackhole bh) {
        QubeBuilder b = Qube.builder(arena);
        climate.forEachIdentifier(c -> b.add(c.toIdentifier()));
        od.forEachIdentifier(c -> b.add(c.toIdentifier()));
        try (Qube q = b.build()) {
            if (q.count() != IDENTIFIERS) {
                throw new IllegalStateException("built " + q.count() + " identifiers, expected " + IDENTIFIERS);
            }
            bh.consume(q.nodeCount());
        }
    }
}
