package dev.qube.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal, as far as the JDK lets one tell. */
final class Terminals {
    private Terminals() {
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
