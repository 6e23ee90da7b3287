package dev.qube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard output that fails (full disk, closed pipe) and other failures of the output and error path. */
class OutputErrorsTest {

    @TempDir
    Path tmp;

    /** A standard output that takes {@code capacity} bytes, then fails every write with {@code message}. */
    static final class Failing extends OutputStream {
        final int capacity;
        final String message;
        int written;
        int failedWrites;

        Failing(int capacity, String message) {
            this.capacity = capacity;
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > capacity) {
                failedWrites++;
                throw new IOException(message);
            }
            written += len;
        }
    }

    record Run(int code, String err) {
    }

    static Run run(OutputStream out, String stdin, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = QubeCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    Path bigIds(int n) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("class=od,expver=").append(i % 97).append(",param=").append(i).append('\n');
        }
        return Files.writeString(tmp.resolve("big.ids"), b);
    }

    @Test
    void aFullDiskIsExitOneWithOneLine() throws IOException {
        Path big = bigIds(20_000);
        for (String[] args : new String[][] {{"ids", big.toString()}, {"convert", big.toString(), "--to", "ascii"},
                {"show", big.toString()}, {"count", big.toString()}, {"stats", big.toString()}}) {
            Failing out = new Failing(args[0].equals("count") || args[0].equals("stats") ? 3 : 1000, "No space left on device");
            Run r = run(out, "", args);
            assertEquals(1, r.code(), args[0] + ": " + r.err());
            assertEquals("qube: cannot write to standard output: No space left on device\n", r.err(), args[0]);
            assertEquals(1, out.failedWrites, args[0] + ": no write after the first failure");
        }
    }

    @Test
    void aClosedPipeEndsTheRunAtOnceAndQuietly() throws IOException {
        Path big = bigIds(200_000);
        Failing out = new Failing(300, "Broken pipe");
        Run r = run(out, "", "ids", big.toString());
        assertEquals(QubeCli.BROKEN_PIPE, r.code());
        assertEquals("", r.err());
        assertEquals(1, out.failedWrites, "the identifiers are not iterated on into the closed pipe");
    }

    @Test
    void helpToAFullDiskFailsToo() {
        Run r = run(new Failing(10, "No space left on device"), "", "--help");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("qube: cannot write to standard output"), r.err());
    }

    @Test
    void containsReportsAnOutputErrorAsTwo() throws IOException {
        // contains prints nothing on success; its usage error goes to stderr: only --help writes to stdout
        Run r = run(new Failing(10, "No space left on device"), "", "contains", "--help");
        assertEquals(2, r.code(), r.err());
    }

    /** Standard input whose first read throws {@code error}: a command that runs out of something. */
    static Run runOutOf(Error error, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.io.InputStream in = new java.io.InputStream() {
            @Override
            public int read() {
                throw error;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw error;
            }
        };
        int code = QubeCli.run(args, in, new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void javaErrorsAreOneLineSayingWhatRanOutAndWhatToDo() {
        Run oom = runOutOf(new OutOfMemoryError("Java heap space"), "count", "-");
        assertEquals(1, oom.code());
        assertEquals(1, oom.err().lines().count(), oom.err());
        assertTrue(oom.err().startsWith("qube: out of memory: the Java heap"), oom.err());
        assertTrue(oom.err().contains("QUBE_JAVA_OPTS=-Xmx"), oom.err());
        assertTrue(oom.err().contains("--arena"), oom.err());

        Run bus = runOutOf(new InternalError("a fault occurred in an unsafe memory access operation"), "ids", "-");
        assertEquals(1, bus.code());
        assertEquals(1, bus.err().lines().count(), bus.err());
        assertTrue(bus.err().contains("memory-mapped file") && bus.err().contains("disk is full"), bus.err());

        Run stack = runOutOf(new StackOverflowError(), "show", "-");
        assertEquals(1, stack.code());
        assertTrue(stack.err().contains("-Xss"), stack.err());

        Run contains = runOutOf(new OutOfMemoryError("Java heap space"), "contains", "-", "class=od");
        assertEquals(2, contains.code(), "contains: any error is 2");
    }

    @Test
    void messagesAreBoundedToOneSensibleLine() {
        String huge = "x".repeat(1_000_000);
        String m = QubeCli.message(new IllegalArgumentException(huge));
        assertTrue(m.length() <= QubeCli.MAX_MESSAGE, "length " + m.length());
        assertTrue(m.endsWith("(1000000 characters)"), m);
    }

    @Test
    void anAtFileOfManyWordsGivesAShortUsageError() throws IOException {
        Path words = Files.writeString(tmp.resolve("words"), "{\"key\": 1}\n".repeat(20_000));
        Run r = run(new ByteArrayOutputStream(), "", "count", "@" + words);
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count());
        assertTrue(r.err().length() < 600, r.err().length() + " characters");
    }

    @Test
    void anEmptyResultWrittenAsIdsIsReadBack() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.ids"), "class=od\n");
        Path b = Files.writeString(tmp.resolve("b.ids"), "class=rd\n");
        Path empty = tmp.resolve("empty.ids");
        assertEquals(0, run(new ByteArrayOutputStream(), "", "intersect", a.toString(), b.toString(), "--to", "ids",
                "-o", empty.toString()).code());
        assertEquals(0, Files.size(empty));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Run r = run(out, "", "count", empty.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("0\n", out.toString(StandardCharsets.UTF_8));
    }
}
