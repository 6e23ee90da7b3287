package dev.qube.bench;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.arena.offheap.MappedQubes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Opening a catalogue saved in the {@code binary} format: mapped in place ({@link MappedQubes#open},
 * validated in one pass, no copy), read into an arena, against parsing its tree JSON.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class BinaryLoadBench {

    @Param({"climate_dt_large.json.gz"})
    public String file;

    private Path binary;

    @Setup(Level.Trial)
    public void save() throws IOException {
        binary = Files.createTempFile("qube-bench-", ".qube");
        try (Qube q = Data.load(file, "heap")) {
            QubeIO.write(q, QubeFormat.BINARY, binary);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(binary);
    }

    @Benchmark
    public void openMapped(Blackhole bh) throws IOException {
        try (Qube q = MappedQubes.open(binary)) {
            bh.consume(q.isEmpty());
        }
    }

    @Benchmark
    public void readBinaryIntoHeap(Blackhole bh) throws IOException {
        try (Qube q = QubeIO.read(binary, QubeFormat.BINARY, ReadOptions.defaults().withArena("heap"))) {
            bh.consume(q.isEmpty());
        }
    }

    @Benchmark
    public void parseTreeJson(Blackhole bh) {
        try (Qube q = Data.load(file, "heap")) {
            bh.consume(q.isEmpty());
        }
    }
}
