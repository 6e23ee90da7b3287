package dev.qube.cli;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.FileOutputStream;

/** Entry point of the {@code qube} command; see {@code qube --help}. */
public final class Main {

    private Main() {
    }

    /**
     * Whether the process was started with its standard input closed ({@code qube count - <&-}): the
     * JVM then opened one of its own files (its {@code lib/modules}) as descriptor 0, and
     * {@code System.in} would read that file as if it were the input. Known on Linux (from
     * {@code /proc}); elsewhere false.
     */
    static boolean stdinClosed() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            Path home = Path.of(System.getProperty("java.home")).toRealPath();
            return target.startsWith(home) || target.toString().endsWith(".jar")
                    && System.getProperty("java.class.path", "").contains(target.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static InputStream closedInput() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("standard input is closed");
            }
        };
    }

    /** Runs the command and exits with its code: 0 success, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        // the raw descriptor, not System.out: a PrintStream would swallow write errors (QubeCli checks them)
        System.exit(QubeCli.run(args, stdinClosed() ? closedInput() : System.in, new FileOutputStream(FileDescriptor.out), System.err, terminal,
                Terminals.stdoutIsTerminal()));
    }
}
