package dev.qube.reliability.fuzz;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz case and judges it. A case either loads — then the qube must be self-consistent:
 * its canonical ASCII reads back to an equal qube that prints the same, a binary write reads back
 * equal, and when it is small its count equals the number of identifiers iterated — or it fails
 * with a {@link QubeFormatException} naming the source and a 1-based position. Anything else (any
 * other exception or error, a case slower than the time bound twice in a row (time being wall-clock
 * or, when less, the process's CPU time, so that other processes on a busy machine do not count), a case that
 * allocates far more than its size warrants) is a bug.
 *
 * <p>Cases run on a worker thread with an ordinary 1 MiB stack (the test JVM's own threads have
 * 8 MiB), so a recursion that a user's thread could not afford shows up here.
 */
final class Oracle implements AutoCloseable {

    enum Outcome { LOADED, REJECTED }

    /** What one case did; {@code bug} is null when it behaved. */
    record Result(Outcome outcome, String bug, Throwable cause, long nanos, long allocated, long arenaBytes) {
    }

    static final long TIME_BOUND_MS = Long.getLong("qube.fuzz.timeBoundMs", 2_000);
    private static final long HANG_MS = Math.max(TIME_BOUND_MS, Long.getLong("qube.fuzz.hangMs", 20_000));
    /** Heap a case may allocate: a fixed allowance plus a multiple of its input's size. */
    static final long ALLOC_FIXED = 128L << 20;
    static final long ALLOC_PER_BYTE = 2_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(null, task, "fuzz-case", 1L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads {@code input} as {@code format} (null: detect it) and judges the outcome. */
    Result read(byte[] input, QubeFormat format, ReadOptions options) {
        return judge(contentLength(input), () -> {
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (Qube q = QubeIO.read(new ByteArrayInputStream(input), "<fuzz>", format, options)) {
                // the bounds of time and memory are the reader's: the checks below write and read six formats
                allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
                cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                String inconsistent = selfCheck(q);
                if (inconsistent == null) {
                    inconsistent = replaced(q, input);
                }
                return new Loaded(q.bytesInUse(), inconsistent, allocated, cpu);
            }
        }, format == QubeFormat.BINARY && !gzip(input) ? input.length : -1);
    }

    /**
     * The bytes a reader sees: the input's length, or for gzip what it inflates to (up to where it
     * is damaged). Memory is bounded by what is read, so a small gzip of a large text is allowed
     * memory for the text.
     */
    static int contentLength(byte[] input) {
        if (!gzip(input)) {
            return input.length;
        }
        long n = 0;
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(input))) {
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) > 0 && n < Integer.MAX_VALUE; ) {
                n += r;
            }
        } catch (java.io.IOException damaged) {
            // counted up to the damage
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(n, input.length));
    }

    static boolean gzip(byte[] input) {
        return input.length >= 2 && input[0] == 0x1f && input[1] == (byte) 0x8b;
    }

    /** Runs {@code body}, which returns a {@link Loaded} or throws; judged as a read. */
    Result judge(int inputLength, Callable<Loaded> body, long binaryLength) {
        Result r = once(inputLength, body, binaryLength);
        if (r.bug == null && r.nanos > TIME_BOUND_MS * 1_000_000) {
            System.gc(); // a pause or a busy machine is not a hang: the case must be slow twice
            Result again = once(inputLength, body, binaryLength);
            if (again.nanos > TIME_BOUND_MS * 1_000_000) {
                return new Result(r.outcome, "slow: " + r.nanos / 1_000_000 + " ms, then " + again.nanos / 1_000_000
                        + " ms (bound " + TIME_BOUND_MS + " ms)", null, again.nanos, again.allocated, again.arenaBytes);
            }
            return again;
        }
        return r;
    }

    /** A loaded case: the reader's own allocation and CPU time (-1: not measured apart from the checks). */
    record Loaded(long arenaBytes, String inconsistency, long readAllocated, long readNanos) {
        Loaded(long arenaBytes, String inconsistency) {
            this(arenaBytes, inconsistency, -1, -1);
        }
    }

    private Result once(int inputLength, Callable<Loaded> body, long binaryLength) {
        long[] alloc = new long[1];
        Callable<Loaded> measured = () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                return body.call();
            } finally {
                alloc[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
            }
        };
        long start = System.nanoTime();
        long cpuStart = PROCESS.getProcessCpuTime();
        Future<Loaded> f = worker.submit(measured);
        Loaded loaded;
        Throwable thrown = null;
        try {
            loaded = f.get(HANG_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is a daemon; it is abandoned
            return new Result(null, "hang: no answer within " + HANG_MS + " ms", null, System.nanoTime() - start, 0, 0);
        } catch (ExecutionException e) {
            loaded = null;
            thrown = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // the time a case took: wall-clock, unless this process got less CPU than that (other
        // processes busy on the machine); a case is slow only if it kept this process busy
        long nanos = System.nanoTime() - start;
        long cpu = PROCESS.getProcessCpuTime() - cpuStart;
        if (cpuStart >= 0 && cpu >= 0 && cpu < nanos) {
            nanos = cpu;
        }
        if (thrown == null && loaded.readAllocated() >= 0) {
            alloc[0] = loaded.readAllocated();
            nanos = Math.min(nanos, loaded.readNanos());
        }
        long allowance = ALLOC_FIXED + ALLOC_PER_BYTE * inputLength;
        String memory = alloc[0] > allowance
                ? "memory: allocated " + (alloc[0] >> 20) + " MiB for " + inputLength + " input bytes (bound " + (allowance >> 20) + " MiB)"
                : null;
        if (thrown == null) {
            String bug = loaded.inconsistency() != null ? loaded.inconsistency() : memory;
            return new Result(Outcome.LOADED, bug, null, nanos, alloc[0], loaded.arenaBytes());
        }
        if (thrown instanceof QubeFormatException e) {
            String bad = badPosition(e, binaryLength);
            return new Result(Outcome.REJECTED, bad != null ? bad : memory, e, nanos, alloc[0], 0);
        }
        return new Result(null, "threw " + thrown, thrown, nanos, alloc[0], 0);
    }

    /** The longest error message that is still one line of sensible length. */
    static final int MAX_MESSAGE = 500;

    /**
     * Why a loaded qube holds U+FFFD that its input did not (invalid UTF-8 replaced: two different
     * byte sequences would read as one value), or null.
     */
    static String replaced(Qube q, byte[] input) {
        if (q.toString().indexOf('\uFFFD') < 0) {
            return null;
        }
        byte[] text = input;
        if (gzip(input)) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(input))) {
                text = in.readAllBytes();
            } catch (IOException e) {
                return null; // damaged: what was read is not known exactly
            }
        }
        String latin = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        boolean written = latin.contains("\u00ef\u00bf\u00bd") || latin.contains("\\ufffd");
        return written ? null : "U+FFFD in a loaded text whose input has none: invalid UTF-8 was replaced, not refused";
    }

    /** Why the exception's position is not a documented one, or null when it is. */
    static String badPosition(QubeFormatException e, long binaryLength) {
        if (e.getMessage().length() > MAX_MESSAGE) {
            return "QubeFormatException message of " + e.getMessage().length() + " characters (more than a line of "
                    + MAX_MESSAGE + "): " + e.getMessage().substring(0, 200);
        }
        if (e.line() < 1 || e.column() < 1) {
            return "QubeFormatException without a 1-based position: " + e.getMessage();
        }
        if (e.reason() == null || e.reason().isBlank() || e.getMessage().contains("\n")) {
            return "QubeFormatException without a one-line reason: " + e.getMessage();
        }
        if (binaryLength >= 0 && (e.line() != 1 || e.column() > binaryLength + 1)) {
            return "binary QubeFormatException whose position is not a byte offset in the file: " + e.getMessage();
        }
        return null;
    }

    private static boolean hasTextLongerThan(Qube q, int n) {
        return q.toString().lines().anyMatch(l -> l.length() > n);
    }

    /** Why a loaded qube is not self-consistent, or null. */
    static String selfCheck(Qube q) throws IOException {
        String ascii = q.toString();
        // ASCII holds the identifiers only: an ids line with a tab tail reads to a qube with metadata
        try (Qube back = Qube.parse(ascii); Qube bare = q.withoutMetadata()) {
            if (!back.equals(bare) || !bare.equals(back) || back.hashCode() != bare.hashCode() || !back.sameIdentifiers(q)) {
                return "canonical ASCII reads back to a different qube";
            }
            if (!back.toString().equals(ascii)) {
                return "canonical ASCII is not stable: printing the read-back qube differs";
            }
        }
        // every writer: what it writes reads back equal, with the format named and detected
        boolean hugeText = hasTextLongerThan(q, 50_000);
        for (QubeFormat f : QubeFormat.values()) {
            if (f == QubeFormat.BINARY || !QubeIO.canWrite(f) || !QubeIO.canRead(f)) {
                continue;
            }
            if (f == QubeFormat.NESTED_JSON && hugeText) {
                // known: nested-json writes key=value as one JSON name, and Jackson refuses names over
                // 50,000 characters (docs/RELIABILITY.md, weak spots; the JSON limits are issue 15's)
                continue;
            }
            // a format that cannot hold metadata refuses it (R117): it is checked on the identifiers alone
            Qube subject = f.holdsMetadata() || !q.hasMetadata() ? q : q.withoutMetadata();
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                QubeIO.write(subject, f, out);
                for (QubeFormat as : new QubeFormat[] {f, null}) {
                    try (Qube back = QubeIO.read(new ByteArrayInputStream(out.toByteArray()), "<" + f.id() + ">", as,
                            ReadOptions.defaults())) {
                        if (!back.equals(subject)) {
                            return "a " + f.id() + " write reads back to a different qube" + (as == null ? " (format detected)" : "");
                        }
                    } catch (QubeFormatException e) {
                        return "a " + f.id() + " write is refused by its reader" + (as == null ? " (format detected)" : "")
                                + ": " + e.getMessage();
                    }
                }
            } finally {
                if (subject != q) {
                    subject.close();
                }
            }
        }
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        QubeIO.write(q, QubeFormat.BINARY, bin);
        try (Qube back = QubeIO.read(new ByteArrayInputStream(bin.toByteArray()), "<binary>", QubeFormat.BINARY,
                ReadOptions.defaults())) {
            if (!back.equals(q)) {
                return "a binary write reads back to a different qube";
            }
        }
        BigInteger n = q.countExact();
        if (n.compareTo(BigInteger.valueOf(20_000)) <= 0) {
            long iterated = q.identifiers().count();
            if (iterated != n.longValue()) {
                return "count is " + n + " but " + iterated + " identifiers are iterated";
            }
            if (q.isEmpty() != (iterated == 0)) {
                return "isEmpty disagrees with the identifiers";
            }
        }
        return null;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
