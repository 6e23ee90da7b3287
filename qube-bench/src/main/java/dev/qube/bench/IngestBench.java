package dev.qube.bench;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingest: the 56,950 lines of the FDB listing, already in memory, into one canonical qube through
 * the fdb reader; reported per identifier (the reference builds it in 11.2 s at best).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class IngestBench {

    static final int FDB_IDENTIFIERS = 56_950;

    @Param({"heap"})
    public String arena;

    /** Threads the listing is read on (the speed-up from 1 to 2). */
    @Param({"1", "2"})
    public int threads;

    private byte[] listing;

    @Setup(Level.Trial)
    public void load() {
        listing = Listing.join(Listing.lines());
    }

    @Benchmark
    @OperationsPerInvocation(FDB_IDENTIFIERS)
    public void fdbListing(Blackhole bh) throws IOException {
        try (Qube q = QubeIO.read(new ByteArrayInputStream(listing), "<fdb>", QubeFormat.FDB,
                ReadOptions.defaults().withArena(arena).withThreads(threads).withWarnings(w -> { }))) {
            bh.consume(q.isEmpty());
        }
    }
}
