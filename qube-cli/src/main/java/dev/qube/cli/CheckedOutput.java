package dev.qube.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Standard output that does not swallow write errors, as {@link java.io.PrintStream} does: the
 * first failed write or flush throws {@link Failure} out of whatever command is writing, and every
 * later write fails at once without touching the stream again. Every command writes through it
 * (it sits under the {@code PrintStream} that {@link QubeCli#run} hands to the commands), so a full
 * disk is exit 1 with one line, and a closed pipe ({@code qube ids BIG | head -3}) ends the process
 * at once, quietly, like a program killed by {@code SIGPIPE}.
 */
final class CheckedOutput extends OutputStream {

    /** A write to standard output failed; {@link #brokenPipe()} when the reader went away. */
    static final class Failure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        /** Whether the user was told (once). */
        transient boolean reported;

        Failure(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }

        /** Whether the reader of a pipe closed it (EPIPE): not an error worth a message. */
        boolean brokenPipe() {
            String m = getCause().getMessage();
            return m != null && (m.contains("Broken pipe") || m.contains("EPIPE"));
        }
    }

    private final OutputStream out;
    private Failure failed;

    CheckedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        check();
        try {
            out.write(b);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        check();
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void flush() {
        check();
        try {
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    /** The first failure, or null while every write succeeded. */
    Failure failure() {
        return failed;
    }

    /**
     * {@code out} (a stream over this one) with failures swallowed: for code that would report them
     * its own way (picocli prints a stack trace); the caller checks {@link #failure()} afterwards.
     */
    OutputStream quiet(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (failed == null) {
                    try {
                        out.write(b, off, len);
                    } catch (Failure | IOException e) {
                        // recorded in failed
                    }
                }
            }

            @Override
            public void flush() {
                if (failed == null) {
                    try {
                        out.flush();
                    } catch (Failure | IOException e) {
                        // recorded in failed
                    }
                }
            }
        };
    }

    private void check() {
        if (failed != null) {
            throw failed;
        }
    }

    private Failure fail(IOException e) {
        failed = new Failure(e);
        return failed;
    }

    /** The output failure behind {@code e} (itself or a cause), or null. */
    static Failure of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Failure f) {
                return f;
            }
        }
        return null;
    }
}
