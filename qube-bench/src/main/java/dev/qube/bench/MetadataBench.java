package dev.qube.bench;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.Metadata;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * What metadata costs (issue 17), beside the same work without it, in one run:
 * <ul>
 * <li>climate_dt_large's halves (its datacubes alternately, as {@link CatalogueBench}) marked
 *     {@code location=lumi} and {@code location=mn5}: their union against the union of the bare
 *     halves (target ≤ 3×), a select on the union, the cursor walk reading the site;</li>
 * <li>the FDB listing built with a synthetic {@code path}, {@code offset}, {@code length} per
 *     field, against the bare build.</li>
 * </ul>
 * The byte figures (all identifiers marked lumi ≤ 1.1× the bare catalogue; the union of the
 * marked halves ≤ 2×; payloads ≤ 16 bytes per identifier beyond the bare listing) are printed at
 * setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@State(Scope.Benchmark)
public class MetadataBench {

    @Param({"heap"})
    public String arena;

    private Qube all;
    private Qube left;
    private Qube right;
    private Qube lumi;
    private Qube mn5;
    private Qube sites;
    private List<Identifier> fields;
    private List<Metadata> payloads;
    private final Selection selection = Selection.of(Map.of("param", List.of("167")));

    @Setup(Level.Trial)
    public void load() throws IOException {
        all = Data.load("climate_dt_large.json.gz", arena);
        QubeBuilder a = Qube.builder(arena);
        QubeBuilder b = Qube.builder(arena);
        List<Datacube> cubes = all.datacubes().toList();
        for (int i = 0; i < cubes.size(); i++) {
            (i % 2 == 0 ? a : b).add(cubes.get(i));
        }
        left = a.build();
        right = b.build();
        lumi = left.withMetadata("location", "lumi");
        mn5 = right.withMetadata("location", "mn5");
        sites = lumi.union(mn5);
        try (Qube allLumi = all.withMetadata("location", "lumi"); Qube bare = left.union(right)) {
            System.err.printf("%nclimate_dt_large: %d bytes bare; every identifier marked lumi: %d bytes (%.3fx, metadata %d bytes, %d runs)%n",
                    all.bytesInUse(), allLumi.bytesInUse(), allLumi.bytesInUse() / (double) all.bytesInUse(),
                    allLumi.metadataBytes(), allLumi.metadataRuns());
            System.err.printf("union of the halves: bare %d bytes (%.3fx the catalogue); marked lumi/mn5 %d bytes (%.3fx; metadata %d bytes, %d runs)%n",
                    bare.bytesInUse(), bare.bytesInUse() / (double) all.bytesInUse(), sites.bytesInUse(),
                    sites.bytesInUse() / (double) all.bytesInUse(), sites.metadataBytes(), sites.metadataRuns());
        }
        // the FDB listing with a synthetic path/offset/length per field: fields of one (date, time, levtype)
        // share a data file, each at its own offset, of a length drawn per field
        fields = new ArrayList<>();
        payloads = new ArrayList<>();
        try (Qube listing = QubeIO.read(new ByteArrayInputStream(Listing.join(Listing.lines())), "<fdb>", QubeFormat.FDB,
                ReadOptions.defaults().withArena(arena).withWarnings(w -> { }))) {
            java.util.Map<String, long[]> fileEnds = new java.util.HashMap<>();
            java.util.SplittableRandom r = new java.util.SplittableRandom(17);
            listing.forEachIdentifier(c -> {
                Identifier id = c.toIdentifier();
                String path = "/fdb/climate-dt/" + value(id, "date") + "/" + value(id, "time") + "/" + value(id, "levtype") + ".data";
                long[] end = fileEnds.computeIfAbsent(path, p -> new long[1]);
                long length = 100_000 + r.nextInt(1_900_000);
                payloads.add(Metadata.of(Map.of("path", List.of(path), "offset", List.of(Long.toString(end[0])),
                        "length", List.of(Long.toString(length)))));
                end[0] += length;
                fields.add(id);
            });
            try (Qube withPayloads = buildFields(true)) {
                long extra = withPayloads.bytesInUse() - listing.bytesInUse();
                System.err.printf("FDB listing: %d identifiers, %d bytes bare; with path/offset/length per field %d bytes: "
                        + "%.2f bytes per identifier beyond (metadata %d bytes, %d runs)%n", listing.count(), listing.bytesInUse(),
                        withPayloads.bytesInUse(), extra / (double) listing.count(), withPayloads.metadataBytes(), withPayloads.metadataRuns());
            }
        }
    }

    private static String value(Identifier id, String key) {
        for (int i = 0; i < id.size(); i++) {
            if (id.key(i).equals(key)) {
                return id.value(i);
            }
        }
        return "none";
    }

    private Qube buildFields(boolean withPayloads) {
        QubeBuilder b = Qube.builder(arena);
        for (int i = 0; i < fields.size(); i++) {
            if (withPayloads) {
                b.add(fields.get(i), payloads.get(i));
            } else {
                b.add(fields.get(i));
            }
        }
        return b.build();
    }

    @TearDown(Level.Trial)
    public void close() {
        for (Qube q : List.of(all, left, right, lumi, mn5, sites)) {
            q.close();
        }
    }

    @Benchmark
    public void unionHalvesBare(Blackhole bh) {
        try (Qube r = left.union(right)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void unionHalvesWithSites(Blackhole bh) {
        try (Qube r = lumi.union(mn5)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void selectParamBare(Blackhole bh) {
        try (Qube r = all.select(selection, SelectMode.RELAXED)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void selectParamWithSites(Blackhole bh) {
        try (Qube r = sites.select(selection, SelectMode.RELAXED)) {
            bh.consume(r.isEmpty());
        }
    }

    @Benchmark
    public void sitesPerValue(Blackhole bh) {
        bh.consume(sites.metadataValues("location"));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void cursorWalkReadingTheSite(Blackhole bh) {
        long[] n = {0};
        sites.forEachIdentifier(c -> n[0] += c.metadata(0).size());
        bh.consume(n[0]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void cursorWalkBare(Blackhole bh) {
        long[] n = {0};
        all.forEachIdentifier(c -> n[0] += c.size());
        bh.consume(n[0]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void buildFdbBare(Blackhole bh) {
        try (Qube q = buildFields(false)) {
            bh.consume(q.isEmpty());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void buildFdbWithPayloads(Blackhole bh) {
        try (Qube q = buildFields(true)) {
            bh.consume(q.isEmpty());
        }
    }
}
