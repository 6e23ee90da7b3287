package dev.qube.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Qube;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Loading qubed's tree JSON (already in memory, gzip undone at setup) beside the cost of only
 * reading it: {@code tokenize} walks every JSON token with Jackson's streaming parser and
 * touches each text, the least any loader must do; {@code load} builds the canonical qube.
 * The ratio load / tokenize is what issue #22 targets (≤ 3 on extremes_dt.json).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class JsonLoadBench {

    private static final JsonFactory JSON = new JsonFactory();

    @Param({"extremes_dt.json", "od.json", "climate_dt.json", "climate_dt_old_schema.json.gz", "climate_dt_large.json.gz"})
    public String file;

    @Param({"heap"})
    public String arena;

    private byte[] json;

    @Setup(Level.Trial)
    public void read() throws IOException {
        byte[] raw = Data.bytes(file);
        if (file.endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        json = raw;
    }

    @Benchmark
    public long tokenize() throws IOException {
        long n = 0;
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
                    n += p.getText().length();
                } else {
                    n++;
                }
            }
        }
        return n;
    }

    @Benchmark
    public void load(Blackhole bh) {
        try (Qube q = QubeIO.read(new ByteArrayInputStream(json), file.replace(".gz", ""), null,
                ReadOptions.defaults().withArena(arena).withWarnings(w -> { }))) {
            bh.consume(q.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
