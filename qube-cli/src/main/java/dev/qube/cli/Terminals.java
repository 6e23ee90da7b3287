package dev.qube.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal, as far as the JDK lets one tell. */
final class Terminals {
    private Terminals() {
    }

    /** The width assumed when the terminal cannot tell. */
    static final int DEFAULT_COLUMNS = 80;

    /**
     * Columns of the terminal: {@code COLUMNS} when the shell exports it, else what {@code stty size}
     * reports for {@code /dev/tty} (the JDK has no call for it), else {@value #DEFAULT_COLUMNS}.
     */
    static int columns() {
        Integer env = positive(System.getenv("COLUMNS"));
        if (env != null) {
            return env;
        }
        java.io.File tty = new java.io.File("/dev/tty");
        if (!tty.canRead()) {
            return DEFAULT_COLUMNS;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readNBytes(64), java.nio.charset.StandardCharsets.US_ASCII).strip();
            }
            if (p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] rowsCols = out.split("\\s+");
                Integer cols = rowsCols.length == 2 ? positive(rowsCols[1]) : null;
                if (cols != null) {
                    return cols;
                }
            }
            p.destroy();
        } catch (java.io.IOException | RuntimeException e) {
            // no stty: the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_COLUMNS;
    }

    private static Integer positive(String s) {
        try {
            int n = s == null ? -1 : Integer.parseInt(s.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Whether standard output is a terminal: on Linux from what file descriptor 1 points at
     * ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere from {@link java.io.Console#isTerminal}
     * (which needs standard input to be a terminal too).
     */
    static boolean stdoutIsTerminal() {
        Path fd = Path.of("/proc/self/fd/1");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through
        }
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }
}
