package dev.qube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar: silent for the first second and off a terminal; a rate and a percentage after. */
class ProgressTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void drawsOnlyAfterOneSecondAndClearsItself() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "f.gz", 4 << 20, now::get, 120);
        now.set(SECOND / 2);
        p.update(1 << 20);
        p.tick();
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing in the first second");
        now.set(2 * SECOND);
        p.update(2 << 20);
        p.tick();
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertEquals("\rreading f.gz [###############...............]  50% 2.0 MiB of 4.0 MiB, 1.0 MiB/s, ETA 0:02", drawn);
        p.println("qube: warning: w");
        String withWarning = err.toString(StandardCharsets.UTF_8);
        assertEquals(drawn + "\r" + " ".repeat(drawn.length() - 1) + "\r" + "qube: warning: w" + System.lineSeparator(),
                withWarning, "a warning erases the bar first");
        p.tick();
        p.close();
        String all = err.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("\r" + " ".repeat(drawn.length() - 1) + "\r"), all);
        int length = all.length();
        p.tick();
        assertEquals(length, err.toString(StandardCharsets.UTF_8).length(), "nothing after close");
    }

    @Test
    void silentWhenNotATerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, "f.gz", 100, now::get, 80);
        p.start();
        now.set(10 * SECOND);
        p.update(50);
        p.tick();
        p.close();
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownSizeShowsASpinnerBytesAndRate() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "<stdin>", -1, now::get, 80);
        assertEquals("reading <stdin> | 3.0 KiB, 1.5 KiB/s", p.render(3 << 10, 2 * SECOND));
        assertEquals("999 B", Progress.size(999));
        now.set(2 * SECOND);
        p.update(3 << 10);
        p.tick();
        now.set(3 * SECOND);
        p.update(6 << 10);
        p.tick();
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("reading <stdin> | 3.0 KiB, 1.5 KiB/s") && drawn.contains("reading <stdin> / 6.0 KiB, 2.0 KiB/s"),
                drawn);
    }

    @Test
    void etaWhenTheSizeIsKnown() {
        Progress p = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true,
                "big.gz", 3600L << 20, () -> 0, 200);
        assertTrue(p.render(1 << 20, SECOND).endsWith("1.0 MiB of 3.5 GiB, 1.0 MiB/s, ETA 59:59"), p.render(1 << 20, SECOND));
        assertTrue(p.render(1 << 20, 2 * SECOND).endsWith(", ETA 1:59:58"), p.render(1 << 20, 2 * SECOND));
        assertEquals("0:05", Progress.duration(5));
        assertEquals("1:00:00", Progress.duration(3600));
    }

    /** At 80 columns (and narrower) no line reaches the last column, so none wraps: each redraw overwrites the last. */
    @Test
    void everyLineFitsTheTerminalWidth() {
        String longName = "/data/" + "very-long-directory-name/".repeat(8) + "climate_dt_large.json.gz";
        for (int columns : new int[] {80, 60, 40, 24}) {
            for (String label : new String[] {"f.gz", longName, "<stdin>"}) {
                for (long total : new long[] {-1, 4L << 30}) {
                    Progress p = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true,
                            label, total, () -> 0, columns);
                    for (long bytes : new long[] {0, 1 << 20, 3L << 30, 4L << 30}) {
                        String line = p.render(bytes, 7 * SECOND);
                        assertTrue(line.length() < columns, () -> columns + " columns: " + line.length() + ": " + line);
                    }
                }
            }
        }
        Progress p = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true,
                longName, 4L << 30, () -> 0, 80);
        String line = p.render(1L << 30, SECOND);
        assertTrue(line.startsWith("reading ...") && line.contains("_large.json.gz [") && line.contains("25%") && line.contains("ETA"), line);
    }

    @Test
    void anInterruptionErasesTheBarAndNothingIsDrawnAfter() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "f.gz", 100, now::get, 80);
        now.set(2 * SECOND);
        p.update(10);
        p.tick();
        String drawn = err.toString(StandardCharsets.UTF_8);
        p.interrupted(); // what the shutdown hook does on Ctrl-C
        String after = err.toString(StandardCharsets.UTF_8);
        assertEquals(drawn + "\r" + " ".repeat(drawn.length() - 1) + "\r", after, "the line is left clean");
        p.tick();
        assertEquals(after, err.toString(StandardCharsets.UTF_8));
    }
}
