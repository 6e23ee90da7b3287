package dev.qube.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** Entry point of the {@code qube} command; see {@code qube --help}. */
public final class Main {

    private Main() {
    }

    /** Runs the command and exits with its code: 0 success, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        // the raw descriptor, not System.out: a PrintStream would swallow write errors (QubeCli checks them)
        System.exit(QubeCli.run(args, System.in, new FileOutputStream(FileDescriptor.out), System.err, terminal));
    }
}
