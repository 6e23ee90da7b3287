package dev.qube.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error for reads (and the builds that follow them) that take
 * more than a second: bytes of the input read so far (as stored, so compressed bytes for gzip)
 * against the file size, the rate and the time left; for an input of unknown size (standard
 * input) a spinner with the bytes read and the rate. A daemon thread redraws it ten times a
 * second, so it also shows while a small file is being built. The line always fits the terminal
 * (it never reaches the last column, so it never wraps), and it is erased when the command ends,
 * also by Ctrl-C. Draws nothing unless standard error is a terminal.
 */
final class Progress implements AutoCloseable {

    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long TICK_MILLIS = 100;
    private static final int BAR = 30;
    private static final int MIN_BAR = 10;
    private static final String SPINNER = "|/-\\";

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private volatile long bytes;
    private int drawnWidth;
    private Thread ticker;
    private Thread onExit;
    private boolean closed;
    private int frame;
    /** Columns of the terminal; the bar uses at most one less. */
    private volatile int columns;

    Progress(PrintStream err, boolean enabled, String label, long total) {
        this(err, enabled, label, total, System::nanoTime, -1);
    }

    /** With {@code columns} the terminal's width, or -1 to ask the terminal when drawing starts (80 if it cannot tell). */
    Progress(PrintStream err, boolean enabled, String label, long total, LongSupplier clock, int columns) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.columns = columns > 0 ? columns : Terminals.DEFAULT_COLUMNS;
        this.askColumns = columns <= 0;
    }

    private final boolean askColumns;

    /**
     * Starts redrawing in the background (when enabled); returns this. A shutdown hook erases the
     * bar when the command is interrupted (Ctrl-C), so the prompt comes back on a clean line.
     */
    Progress start() {
        if (enabled) {
            onExit = new Thread(this::interrupted, "qube-progress-exit");
            try {
                Runtime.getRuntime().addShutdownHook(onExit);
            } catch (IllegalStateException e) {
                onExit = null; // already shutting down
            }
            ticker = Thread.ofPlatform().daemon().name("qube-progress").start(() -> {
                if (askColumns) {
                    columns = Terminals.columns(); // may run a process: off the reading thread
                }
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
        frame++;
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
        if (onExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs (and finds the bar closed)
            }
        }
    }

    /** The shutdown hook: the JVM is exiting while the bar may be drawn (Ctrl-C). */
    synchronized void interrupted() {
        closed = true;
        erase();
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** The text of the bar after {@code bytesRead} in {@code nanos}, at most {@code columns - 1} characters. */
    String render(long bytesRead, long nanos) {
        int room = Math.max(20, columns - 1);
        double rate = nanos > 0 ? bytesRead / (nanos / 1e9) : 0;
        String head = "reading ";
        if (total > 0) {
            double f = Math.min(1.0, bytesRead / (double) total);
            String percent = String.format(Locale.ROOT, "%3d%% ", (int) (f * 100));
            String eta = rate > 0 && bytesRead < total ? ", ETA " + duration((long) ((total - bytesRead) / rate)) : "";
            String speed = ", " + size((long) rate) + "/s";
            // from the richest to the leanest: the first that leaves the whole name and a bar of MIN_BAR
            String[] tails = {
                    percent + size(bytesRead) + " of " + size(total) + speed + eta,
                    percent + size(bytesRead) + speed + eta,
                    percent + size(bytesRead) + eta,
                    percent.strip() + eta};
            String tail = tails[tails.length - 1];
            for (String t : tails) {
                if (head.length() + label.length() + 1 + 2 + MIN_BAR + 1 + t.length() <= room) {
                    tail = t;
                    break;
                }
            }
            // the bar takes what the label and the figures leave, between MIN_BAR and BAR
            String name = label;
            int fixed = head.length() + 1 + 2 + 1 + tail.length(); // "reading NAME [bar] tail"
            int bar = Math.min(BAR, room - fixed - name.length());
            if (bar < MIN_BAR) {
                bar = MIN_BAR;
                name = cut(name, room - fixed - bar);
            }
            if (name == null) {
                return fit(head + label + " " + tail, room); // too narrow for a bar at all
            }
            int full = (int) (f * bar);
            return head + name + " [" + "#".repeat(full) + ".".repeat(bar - full) + "] " + tail;
        }
        StringBuilder tail = new StringBuilder();
        char spin = SPINNER.charAt(frame % SPINNER.length());
        tail.append(spin).append(' ').append(size(bytesRead)).append(", ").append(size((long) rate)).append("/s");
        String name = cut(label, room - head.length() - 1 - tail.length());
        return name == null ? fit(tail.toString(), room) : head + name + " " + tail;
    }

    /** {@code name} cut to {@code room} characters, keeping its end ({@code ...ame.gz}); null if it cannot be. */
    private static String cut(String name, int room) {
        if (name.length() <= room) {
            return name;
        }
        return room < 8 ? null : "..." + name.substring(name.length() - (room - 3));
    }

    private static String fit(String s, int room) {
        return s.length() <= room ? s : s.substring(0, room);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long sec = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
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
