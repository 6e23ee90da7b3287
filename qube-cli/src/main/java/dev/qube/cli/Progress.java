package dev.qube.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error for reads (and the builds that follow them) that take
 * more than a second: bytes of the input read so far (as stored, so compressed bytes for gzip)
 * against the file size, and the rate. A daemon thread redraws it ten times a second, so it also
 * shows while a small file is being built. Draws nothing unless standard error is a terminal.
 */
final class Progress implements AutoCloseable {

    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long TICK_MILLIS = 100;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private volatile long bytes;
    private int drawnWidth;
    private Thread ticker;
    private boolean closed;

    Progress(PrintStream err, boolean enabled, String label, long total) {
        this(err, enabled, label, total, System::nanoTime);
    }

    Progress(PrintStream err, boolean enabled, String label, long total, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Starts redrawing in the background (when enabled); returns this. */
    Progress start() {
        if (enabled) {
            ticker = Thread.ofPlatform().daemon().name("qube-progress").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(TICK_MILLIS);
                        tick();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        return this;
    }

    /** The bytes read so far, as last reported. */
    long bytes() {
        return bytes;
    }

    /** Called with the bytes read so far. */
    void update(long bytesRead) {
        bytes = bytesRead;
    }

    /** Redraws the bar if it is due (more than a second since the start). */
    synchronized void tick() {
        if (!enabled || closed) {
            return;
        }
        long elapsed = clock.getAsLong() - start;
        if (elapsed < DELAY_NANOS) {
            return;
        }
        String line = render(bytes, elapsed);
        StringBuilder b = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnWidth; i++) {
            b.append(' ');
        }
        err.print(b);
        err.flush();
        drawnWidth = Math.max(drawnWidth, line.length());
    }

    /** Prints a line of text (a warning) on standard error without mixing it into the bar. */
    synchronized void println(String text) {
        erase();
        err.println(text);
        err.flush();
    }

    /** Stops redrawing and removes the bar, if one was drawn. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            erase();
            t = ticker;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** The text of the bar after {@code bytesRead} in {@code nanos}. */
    String render(long bytesRead, long nanos) {
        double rate = nanos > 0 ? bytesRead / (nanos / 1e9) : 0;
        StringBuilder b = new StringBuilder("reading ").append(label).append(' ');
        if (total > 0) {
            double f = Math.min(1.0, bytesRead / (double) total);
            int full = (int) (f * BAR);
            b.append('[').append("#".repeat(full)).append(".".repeat(BAR - full)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", (int) (f * 100)))
                    .append(size(bytesRead)).append(" of ").append(size(total));
        } else {
            b.append(size(bytesRead));
        }
        return b.append(", ").append(size((long) rate)).append("/s").toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
