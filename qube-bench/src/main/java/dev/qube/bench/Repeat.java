package dev.qube.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * A harness for machines shared with other work, where JMH's averages swing: repeats one task in
 * batches after warm-up and prints the minimum and median per task over the batches, as wall time
 * and as this thread's CPU time. The tasks are those of {@link JsonLoadBench} ({@code load},
 * {@code tokenize}) and {@link CatalogueBench} ({@code union} and {@code intersect} of the halves, {@code select} of the
 * middle {@code param}) and {@link QueryBench} ({@code count} of {@code param=167} without making it); docs/PERFORMANCE.md (#22) quotes its figures. Run on one core, old and new
 * jars alternately:
 * {@code taskset -c 1 java -Xss16m -Dqube.data=../shared/data -cp qube-bench/target/benchmarks.jar
 * dev.qube.bench.Repeat load extremes_dt.json 300 30 10} (task, file, warm-up runs, batches, runs a batch).
 */
public final class Repeat {

    private Repeat() {
    }

    /** Runs the task given by the arguments and prints one line. */
    public static void main(String[] args) throws IOException {
        String task = args[0];
        String file = args[1];
        int warm = Integer.parseInt(args[2]);
        int batches = Integer.parseInt(args[3]);
        int each = Integer.parseInt(args[4]);
        byte[] raw = Data.bytes(file);
        if (file.endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        byte[] json = raw;
        String name = file.replace(".gz", "");
        Runnable run = switch (task) {
            case "load" -> () -> {
                try (Qube q = read(json, name)) {
                    sink += q.isEmpty() ? 1 : 0;
                }
            };
            case "tokenize" -> () -> sink += tokenize(json);
            case "union", "intersect", "select" -> operation(task, read(json, name));
            case "count" -> {
                Qube q = read(json, name);
                Selection param167 = Selection.parse("param=167");
                yield () -> sink += q.count(param167, SelectMode.RELAXED);
            }
            default -> throw new IllegalArgumentException("task: load, tokenize, union, intersect, select or count");
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warm; i++) {
            run.run();
        }
        double[] wall = new double[batches];
        double[] cpu = new double[batches];
        for (int b = 0; b < batches; b++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < each; i++) {
                run.run();
            }
            wall[b] = (System.nanoTime() - w0) / 1e3 / each;
            cpu[b] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / each;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%s %s: wall min %.1f median %.1f us | cpu min %.1f median %.1f us (%d x %d after %d)%s%n", task, file,
                wall[0], wall[batches / 2], cpu[0], cpu[batches / 2], batches, each, warm, sink == Long.MIN_VALUE ? "!" : "");
    }

    private static long sink;

    private static Runnable operation(String task, Qube qube) {
        QubeBuilder a = Qube.builder("heap");
        QubeBuilder b = Qube.builder("heap");
        List<Datacube> cubes = new ArrayList<>(qube.datacubes().toList());
        for (int i = 0; i < cubes.size(); i++) {
            (i % 2 == 0 ? a : b).add(cubes.get(i));
        }
        Qube left = a.build();
        Qube right = b.build();
        List<String> params = new ArrayList<>(qube.axes().get("param"));
        Selection selection = Selection.of(Map.of("param", List.of(params.get(params.size() / 2))));
        Supplier<Qube> made = switch (task) {
            case "union" -> () -> left.union(right);
            case "intersect" -> () -> left.intersect(right);
            default -> () -> qube.select(selection, SelectMode.RELAXED);
        };
        return () -> {
            try (Qube r = made.get()) {
                sink += r.isEmpty() ? 1 : 0;
            }
        };
    }

    private static Qube read(byte[] json, String name) {
        try {
            return QubeIO.read(new ByteArrayInputStream(json), name, null, ReadOptions.defaults().withArena("heap").withWarnings(w -> { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** {@link JsonLoadBench#tokenize}'s loop. */
    private static long tokenize(byte[] json) {
        long n = 0;
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                n += t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING ? p.getText().length() : 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }
}
