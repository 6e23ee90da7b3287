package dev.qube.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error for reads that take more than a second: bytes of the
 * input read so far (as stored, so compressed bytes for gzip) against the file size, and the rate.
 * Draws nothing unless standard error is a terminal.
 */
final class Progress {

    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int drawnWidth;

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

    /** Called with the bytes read so far. */
    void update(long bytes) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (now - start < DELAY_NANOS || (drawnWidth > 0 && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        String line = render(bytes, now - start);
        StringBuilder b = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnWidth; i++) {
            b.append(' ');
        }
        err.print(b);
        err.flush();
        drawnWidth = Math.max(drawnWidth, line.length());
    }

    /** Removes the bar, if one was drawn. */
    void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** The text of the bar after {@code bytes} in {@code nanos}. */
    String render(long bytes, long nanos) {
        double rate = nanos > 0 ? bytes / (nanos / 1e9) : 0;
        StringBuilder b = new StringBuilder("reading ").append(label).append(' ');
        if (total > 0) {
            double f = Math.min(1.0, bytes / (double) total);
            int full = (int) (f * BAR);
            b.append('[').append("#".repeat(full)).append(".".repeat(BAR - full)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", (int) (f * 100)))
                    .append(size(bytes)).append(" of ").append(size(total));
        } else {
            b.append(size(bytes));
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
