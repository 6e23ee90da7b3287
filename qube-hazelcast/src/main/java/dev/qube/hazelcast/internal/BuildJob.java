package dev.qube.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.aggregate.AggregateOperation;
import com.hazelcast.jet.aggregate.AggregateOperation1;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.pipeline.BatchSource;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.crdt.pncounter.PNCounter;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The distributed build as a Jet pipeline: a batch source with one reader per member (or more)
 * that reads its share of the pieces of the listings, an aggregation by union (local first, then
 * the partial unions combined on one member), and a one-item list sink holding the result's
 * binary image.
 */
public final class BuildJob {

    private BuildJob() {
    }

    /** The source: reader {@code i} of {@code n} reads share {@code i} of the pieces ({@link ListingPieces}). */
    static BatchSource<Qube> source(List<String> files, String format, int pieceLines, boolean strict, int perMember,
                                    String progressCounter, String warningList) {
        return SourceBuilder
                .batch("qube-listing-pieces", (Processor.Context ctx) -> new Reader(new ListingPieces(files,
                        format == null ? null : QubeFormat.byId(format), pieceLines,
                        ctx.globalProcessorIndex(), ctx.totalParallelism(), strict),
                        ctx.hazelcastInstance().getPNCounter(progressCounter),
                        ctx.hazelcastInstance().<String>getList(warningList)))
                .<Qube>fillBufferFn((reader, buf) -> {
                    Qube q = reader.next();
                    if (q == null) {
                        buf.close();
                    } else {
                        buf.add(q);
                    }
                })
                .destroyFn(Reader::close)
                .distributed(perMember)
                .build();
    }

    /**
     * One reader's state; it adds the bytes of its share read to the progress counter, and the
     * warnings of its pieces (skipped lines) to the warning list.
     */
    static final class Reader {
        private final ListingPieces pieces;
        private final PNCounter progress;
        private final java.util.Collection<String> warnings;
        private long reported;

        Reader(ListingPieces pieces, PNCounter progress, java.util.Collection<String> warnings) {
            this.pieces = pieces;
            this.progress = progress;
            this.warnings = warnings;
        }

        Qube next() {
            try {
                Qube q = pieces.next();
                List<String> w = pieces.takeWarnings();
                if (!w.isEmpty()) {
                    warnings.addAll(w);
                }
                long now = pieces.bytesRead();
                if (now != reported) {
                    progress.addAndGet(now - reported);
                    reported = now;
                }
                return q;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            pieces.close();
        }
    }

    /** Union as a Jet aggregate operation; the result is the union's binary image. */
    static AggregateOperation1<Qube, UnionAccumulator, byte[]> union() {
        return AggregateOperation
                .withCreate(UnionAccumulator::new)
                .<Qube>andAccumulate(UnionAccumulator::add)
                .andCombine(UnionAccumulator::addAll)
                .andExportFinish(UnionAccumulator::image);
    }

    /**
     * Runs the build and waits for it.
     *
     * @param resultList name of the list the image is written to (the caller reads and destroys it)
     * @param progressCounter name of the counter of input bytes read (the caller destroys it)
     * @param warningList name of the list of warning records ({@link ListingPieces#warnings}; the caller destroys it)
     */
    public static void run(HazelcastInstance hz, List<String> files, String format, int pieceLines, boolean strict,
                           int perMember, String resultList, String progressCounter, String warningList,
                           List<java.net.URL> jars) {
        Pipeline p = Pipeline.create();
        p.readFrom(source(files, format, pieceLines, strict, perMember, progressCounter, warningList))
                .aggregate(union())
                .writeTo(Sinks.list(resultList));
        JobConfig config = new JobConfig()
                .setName("qube-build-" + resultList)
                .registerSerializer(Qube.class, QubeSerializer.class)
                .registerSerializer(UnionAccumulator.class, UnionAccumulator.Serializer.class);
        for (java.net.URL jar : jars) {
            config.addJar(jar);
        }
        Job job = hz.getJet().newJob(p, config);
        job.join();
    }
}
