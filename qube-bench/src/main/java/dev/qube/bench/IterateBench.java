package dev.qube.bench;

import dev.qube.Qube;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full identifier iteration through the reusable cursor, reported per identifier
 * (od.json: 1,107,249 identifiers per invocation), and the same through {@link Qube#identifiers()},
 * one {@code Identifier} object each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class IterateBench {

    static final int OD_IDENTIFIERS = 1_107_249;

    @Param({"heap"})
    public String arena;

    private Qube qube;

    @Setup(Level.Trial)
    public void load() {
        qube = Data.load("od.json", arena);
        if (qube.count() != OD_IDENTIFIERS) {
            throw new IllegalStateException("od.json has " + qube.count() + " identifiers, expected " + OD_IDENTIFIERS);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        qube.close();
    }

    @Benchmark
    @OperationsPerInvocation(OD_IDENTIFIERS)
    public void cursor(Blackhole bh) {
        qube.forEachIdentifier(c -> bh.consume(c.value(c.size() - 1)));
    }

    @Benchmark
    @OperationsPerInvocation(OD_IDENTIFIERS)
    public void identifiers(Blackhole bh) {
        try (var s = qube.identifiers()) {
            s.forEach(bh::consume);
        }
    }
}
