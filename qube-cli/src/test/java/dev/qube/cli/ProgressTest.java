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
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "f.gz", 4 << 20, now::get);
        now.set(SECOND / 2);
        p.update(1 << 20);
        p.tick();
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing in the first second");
        now.set(2 * SECOND);
        p.update(2 << 20);
        p.tick();
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertEquals("\rreading f.gz [###############...............]  50% 2.0 MiB of 4.0 MiB, 1.0 MiB/s", drawn);
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
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, "f.gz", 100, now::get);
        p.start();
        now.set(10 * SECOND);
        p.update(50);
        p.tick();
        p.close();
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownSizeShowsBytesAndRate() {
        Progress p = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true,
                "<stdin>", -1, () -> 0);
        assertEquals("reading <stdin> 3.0 KiB, 1.5 KiB/s", p.render(3 << 10, 2 * SECOND));
        assertEquals("999 B", Progress.size(999));
    }
}
