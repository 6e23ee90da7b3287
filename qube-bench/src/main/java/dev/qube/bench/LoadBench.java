package dev.qube.bench;

import dev.qube.Qube;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Loading each real file from disk (format detected, gzip decompressed); the reference loads climate_dt_large in 0.92 s. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class LoadBench {

    @Param({"climate_dt_large.json.gz", "climate_dt.json", "extremes_dt.json", "od.json", "fdb_list_porcelain.gz",
            "mars_list.gz"})
    public String file;

    @Param({"heap"})
    public String arena;

    @Benchmark
    public void load(Blackhole bh) {
        try (Qube q = Data.load(file, arena)) {
            bh.consume(q.isEmpty());
        }
    }
}
