package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.ReadOptions;
import dev.qube.internal.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads a listing of one identifier a line on several threads. The calling thread cuts the input
 * into blocks of whole lines (about 1 MiB each, numbered, each knowing the number of its first
 * line); workers take blocks in turn, each parsing into a builder of its own; the workers' qubes
 * are then unioned. The calling thread itself parses the first {@link #PARALLEL_FROM} bytes: an
 * input no longer than that is read on it alone, because a second thread did not pay below it
 * (docs/PERFORMANCE.md, #22: on the 12.6 MB FDB listing and on 2-32 MB of od identifiers two
 * threads were slower than one; the workers' start, the queue and the final union cost more than
 * the parsing they share), and so is a longer input whose lines look shuffled
 * ({@link #looksSorted}). The result, the
 * warning and the error are those a single thread gives: of several malformed lines, the first in
 * the input is reported, and skipped lines are counted over all blocks.
 */
final class ParallelLines {

    /** Parses the lines of blocks into one builder; one per worker, used by one thread. */
    interface Worker {
        /** Adds every identifier of the lines of {@code lines} (one block) to {@code builder}. */
        void read(Lines lines, QubeBuilder builder, Skipped skipped) throws IOException;

        /**
         * Whether the lines read so far look sorted ({@link #looksSorted}): then parts of the
         * input read on different threads make qubes that union cheaply. True when the worker
         * cannot tell.
         */
        default boolean linesLookSorted() {
            return true;
        }
    }

    /**
     * Whether lines that shared {@code sharedPairs} of their {@code pairs} key-value pairs with
     * the line before (as a prefix) look sorted: at least half shared. od's identifiers in listing
     * order share 90 % of their pairs, shuffled 37 %. Parts of a shuffled input are random subsets
     * of the whole, each about as large as the whole qube, and their union cost more than the
     * second thread saved: on 1.1 M shuffled od identifiers (133 MB) one thread took 3.75 s, two
     * 5.5 s; in listing order both 1.7 s (docs/PERFORMANCE.md, #18).
     */
    static boolean looksSorted(long pairs, long sharedPairs) {
        return 2 * sharedPairs >= pairs;
    }

    /**
     * Hand blocks past {@link #PARALLEL_FROM} to workers even when the lead part's lines look
     * shuffled ({@code -Dqube.lines.parallelShuffled=true}: tests, so that random inputs take the
     * parallel path).
     */
    static final boolean PARALLEL_SHUFFLED = Boolean.getBoolean("qube.lines.parallelShuffled");

    /** Bytes per block; {@code -Dqube.lines.block=N} makes blocks small in tests, so that small inputs are cut too. */
    static final int BLOCK = Math.max(64, Integer.getInteger("qube.lines.block", 1 << 20));

    /**
     * Bytes read on the calling thread before workers start (64 MiB); {@code -Dqube.lines.parallelFrom=N}
     * lowers it in tests, so that small inputs take the parallel path too.
     */
    static final long PARALLEL_FROM = Math.max(0, Long.getLong("qube.lines.parallelFrom", 64L << 20));

    private ParallelLines() {
    }

    private record Block(long index, byte[] bytes, int length, long lineBefore) {
    }

    private static final Block END = new Block(-1, new byte[0], 0, 0);

    /**
     * Reads {@code in}; {@code loneCr}: a CR not followed by LF ends a line too (as the reader
     * counts it), so line numbers of later blocks agree.
     */
    static Qube read(InputStream in, String source, ReadOptions options, boolean loneCr, Skipped.Factory skips,
            Supplier<Worker> workers) throws IOException {
        int threads = options.threads();
        if (threads <= 1) {
            return oneThread(new Lines(in, source), options, skips, workers);
        }
        Cutter cutter = new Cutter(in, source, loneCr);
        // the lead part: the calling thread parses the first PARALLEL_FROM bytes itself
        Part lead = new Part(Qube.builder(options.arena()), skips.create(), workers.get());
        long index = 0;
        Block first;
        try {
            long bytes = 0;
            Lines lines = null;
            while ((first = cutter.next(index)) != null) {
                index++;
                if (bytes >= PARALLEL_FROM && (PARALLEL_SHUFFLED || lead.worker.linesLookSorted())) {
                    break; // a block for the workers (a shuffled input stays on this thread: see looksSorted)
                }
                bytes += first.length;
                if (lines == null) {
                    lines = new Lines(first.bytes, first.length, source, first.lineBefore);
                } else {
                    lines.reset(first.bytes, first.length, first.lineBefore);
                }
                lead.worker.read(lines, lead.builder, lead.skipped);
            }
        } catch (RuntimeException | IOException | Error e) {
            lead.builder.abandon();
            throw e;
        }
        if (first == null) {
            // the whole input was read on this thread
            return finish(List.of(lead), lead.skipped, 1);
        }
        long firstIndex = index - 1;
        Block firstForWorkers = first;
        BlockingQueue<Block> queue = new ArrayBlockingQueue<>(2 * threads);
        AtomicLong failedAt = new AtomicLong(Long.MAX_VALUE); // index of the first block known to fail
        List<Callable<Part>> tasks = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        parts.add(lead);
        for (int i = 0; i < threads; i++) {
            Part p = new Part(Qube.builder(options.arena()), skips.create(), workers.get());
            parts.add(p);
            tasks.add(() -> p.run(queue, source, failedAt));
            // (the lead part is in parts, not in tasks: it took its blocks already)
        }
        tasks.add(0, () -> {
            // the calling thread cuts blocks while the workers parse them
            try {
                queue.put(firstForWorkers);
                for (long i = firstIndex + 1; failedAt.get() == Long.MAX_VALUE; i++) {
                    Block b = cutter.next(i);
                    if (b == null) {
                        break;
                    }
                    queue.put(b);
                }
            } finally {
                for (int i = 0; i < threads; i++) {
                    queue.put(END);
                }
            }
            return null;
        });
        try {
            Parallel.run(tasks, p -> { });
        } catch (RuntimeException | IOException | Error e) {
            parts.forEach(p -> p.builder.abandon());
            throw e;
        }
        Part failed = null;
        for (Part p : parts) {
            if (p.failure != null && (failed == null || p.failedBlock < failed.failedBlock)) {
                failed = p;
            }
        }
        if (failed != null) {
            parts.forEach(p -> p.builder.abandon());
            switch (failed.failure) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case IOException e -> throw e;
                default -> throw new IllegalStateException(failed.failure);
            }
        }
        Skipped skipped = parts.getFirst().skipped;
        for (Part p : parts.subList(1, parts.size())) {
            skipped.add(p.skipped);
        }
        return finish(parts, skipped, threads);
    }

    /** Builds the parts' qubes and unions them (one part: its qube), reporting the skipped lines. */
    private static Qube finish(List<Part> parts, Skipped skipped, int threads) {
        List<Qube> built = new ArrayList<>();
        try {
            for (Part p : parts) {
                built.add(p.builder.build());
            }
            return skipped.checked(built.size() == 1 ? built.removeFirst() : Qube.union(built, threads));
        } finally {
            built.forEach(Qube::close);
            parts.forEach(p -> p.builder.abandon());
        }
    }

    private static Qube oneThread(Lines lines, ReadOptions options, Skipped.Factory skips, Supplier<Worker> workers)
            throws IOException {
        QubeBuilder b = Qube.builder(options.arena());
        Skipped skipped = skips.create();
        try {
            workers.get().read(lines, b, skipped);
            return skipped.checked(b.build());
        } catch (RuntimeException | IOException | Error e) {
            b.abandon();
            throw e;
        }
    }

    /** One worker's builder, skipped lines and the first failure it met. */
    private static final class Part {
        final QubeBuilder builder;
        final Skipped skipped;
        final Worker worker;
        Throwable failure;
        long failedBlock = Long.MAX_VALUE;

        Part(QubeBuilder builder, Skipped skipped, Worker worker) {
            this.builder = builder;
            this.skipped = skipped;
            this.worker = worker;
        }

        Part run(BlockingQueue<Block> queue, String source, AtomicLong failedAt) throws IOException, InterruptedException {
            Lines lines = null;
            for (Block b = queue.take(); b != END; b = queue.take()) {
                if (b.index > failedAt.get()) {
                    continue; // a block before this one failed: its error is the one reported
                }
                if (lines == null) {
                    lines = new Lines(b.bytes, b.length, source, b.lineBefore);
                } else {
                    lines.reset(b.bytes, b.length, b.lineBefore);
                }
                try {
                    worker.read(lines, builder, skipped);
                } catch (Throwable e) {
                    // keep taking blocks (and dropping them) so that the cutter never waits on a full queue
                    failure = failedBlock < b.index ? failure : e;
                    failedBlock = Math.min(failedBlock, b.index);
                    failedAt.accumulateAndGet(b.index, Math::min);
                }
            }
            return this;
        }
    }

    /** Cuts an input into blocks that end at a line break, counting their lines. */
    private static final class Cutter {
        private final int maxLine = dev.qube.QubeIO.maxLineBytes();
        private final String source;
        private final InputStream in;
        private final boolean loneCr;
        private byte[] carry = new byte[0];
        private int carried;
        private boolean eof;
        private long lines;

        Cutter(InputStream in, String source, boolean loneCr) {
            this.in = in;
            this.source = source;
            this.loneCr = loneCr;
        }

        boolean atEnd() {
            return eof && carried == 0;
        }

        /** The next block (null at the end of the input). */
        Block next(long index) throws IOException {
            if (eof && carried == 0) {
                return null;
            }
            byte[] buf = new byte[(int) Math.min(Math.max(BLOCK, carried * 2L), (long) maxLine + BLOCK)];
            System.arraycopy(carry, 0, buf, 0, carried);
            int len = carried;
            int cut;
            while (true) {
                while (!eof && len < buf.length) {
                    int n = in.read(buf, len, buf.length - len);
                    if (n < 0) {
                        eof = true;
                    } else {
                        len += n;
                    }
                }
                if (eof) {
                    cut = len;
                    break;
                }
                cut = lastBreak(buf, len);
                if (cut > 0) {
                    break;
                }
                if (len >= maxLine) {
                    // no line break in the whole buffer: the line starting at its first byte is too long
                    throw dev.qube.QubeIO.lineTooLong(source, lines + 1, maxLine + 1L);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, (long) maxLine + BLOCK)); // a line longer than the block
            }
            carried = len - cut;
            if (carry.length < carried) {
                carry = new byte[Math.max(carried, BLOCK)];
            }
            System.arraycopy(buf, cut, carry, 0, carried);
            Block b = new Block(index, buf, cut, lines);
            lines += breaks(buf, cut);
            return b;
        }

        private static int lastBreak(byte[] buf, int len) {
            for (int i = len - 1; i >= 0; i--) {
                if (buf[i] == '\n') {
                    return i + 1;
                }
            }
            return 0;
        }

        private long breaks(byte[] buf, int len) {
            long n = 0;
            for (int i = 0; i < len; i++) {
                byte c = buf[i];
                if (c == '\n' || (loneCr && c == '\r' && i + 1 < len && buf[i + 1] != '\n')) {
                    n++;
                }
            }
            return n;
        }
    }
}
