package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code qube} command: the options every subcommand accepts (before or after the
 * subcommand's name), and reading and writing qubes for them.
 */
@Command(name = "qube",
        description = {"Read, show, count, convert, build, combine and select qubes: compressed trees of datacubes.",
                "Inputs are qube files in any readable format or catalogue listings (fdb list --porcelain, "
                        + "FDB compact, MARS list), gzip or not; the format is detected from the content. "
                        + "'-' reads standard input."},
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Exit status: 0 success, 1 failure (unreadable file, malformed input), 2 bad usage.",
                "Formats: ascii, ascii-qubed, tree-json, tree-json-plain, nested-json, arena-json, fdb, fdb-compact, mars, ids, "
                        + "html, binary (fdb, fdb-compact and mars are read only, html is write only).",
                "tree-json writes today's qubed shape, {\"version\": \"1\", \"tree\": ...} with typed values; tree-json-plain "
                        + "writes the older shape (the root node alone, plain value arrays). ascii-qubed writes one key=values a line, "
                        + "as qubed's own ASCII reader needs. Either shape of each is read by either name."})
final class QubeCommand implements Callable<Integer> {

    @Option(names = "--arena", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Memory backend that holds the qubes (default: heap, or -Dqube.arena).")
    String arena;

    @Option(names = "--from", paramLabel = "FMT", scope = ScopeType.INHERIT, converter = FormatNames.Readable.class,
            description = "Format of the inputs (default: detected from the content).")
    QubeFormat from;

    @Option(names = "--strict", scope = ScopeType.INHERIT,
            description = "Lines of a listing that are not data (diagnostics) are an error, not a warning.")
    boolean strict;

    @Option(names = "--drop-metadata", scope = ScopeType.INHERIT,
            description = "Write the output without its metadata (needed to write a qube with metadata in a format that "
                    + "cannot hold it: everything but binary and ids).")
    boolean dropMetadata;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    final InputStream stdin;
    final PrintStream stdout;
    final PrintStream stderr;
    final boolean terminal;

    QubeCommand(InputStream stdin, PrintStream stdout, PrintStream stderr, boolean terminal) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command (show, count, stats, ids, convert, build, "
                + "union, intersect, minus, xor, select, contains)");
    }

    /** Checks the backend name before any work, so that a wrong name is bad usage (exit 2). */
    void checkArena(CommandSpec sub) {
        try {
            Qube.builder(arena).abandon();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ParameterException(sub.commandLine(), "--arena " + arena + ": " + e.getMessage());
        }
    }

    /** A qube read from a file or standard input ({@code -}), with the time it took. */
    record Loaded(Qube qube, long nanos) {
    }

    /** Reads {@code in} with the shared options, drawing a progress bar on a terminal. */
    Loaded read(String in) {
        boolean std = in.equals("-");
        String source = std ? "<stdin>" : in;
        long size = -1;
        if (!std) {
            Path p = Path.of(in);
            if (!Files.isRegularFile(p)) {
                throw new CliException("cannot read " + in + ": " + (Files.exists(p) ? "not a regular file" : "no such file"), null);
            }
            try {
                size = Files.size(p);
            } catch (IOException e) {
                throw new CliException("cannot read " + in + ": " + e.getMessage(), e);
            }
        }
        long t0 = System.nanoTime();
        try (Progress progress = new Progress(stderr, terminal, source, size).start();
             InputStream s = std ? nonClosing(stdin) : Files.newInputStream(Path.of(in))) {
            ReadOptions options = ReadOptions.defaults()
                    .withArena(arena)
                    .withStrict(strict)
                    .withWarnings(w -> progress.println("qube: warning: " + w))
                    .withProgress(progress::update);
            Qube q = QubeIO.read(s, source, from, options);
            return new Loaded(q, System.nanoTime() - t0);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + in + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot read " + in + ": permission denied", e);
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The output format: {@code to} if given, else ascii, or ids when the qube has metadata (ascii cannot hold it). */
    static QubeFormat outputFormat(QubeFormat to, Qube q, boolean dropMetadata) {
        return to != null ? to : q.hasMetadata() && !dropMetadata ? QubeFormat.IDS : QubeFormat.ASCII;
    }

    /**
     * Writes {@code q} to {@code out} ({@code null} or {@code -}: standard output), atomically to a
     * file; without its metadata under {@code --drop-metadata}. Metadata that the format cannot hold
     * is an error (exit 1), never dropped silently.
     */
    void write(Qube q, QubeFormat to, String out) {
        if (dropMetadata && q.hasMetadata()) {
            try (Qube bare = q.withoutMetadata()) {
                write(bare, to, out);
            }
            return;
        }
        if (q.hasMetadata() && !to.holdsMetadata()) {
            throw new CliException("the " + to.id() + " format cannot hold metadata (this qube has "
                    + String.join(", ", q.metadataKeys()) + "): write --to binary or --to ids, or add --drop-metadata", null);
        }
        try {
            if (out == null || out.equals("-")) {
                OutputStream o = new BufferedOutputStream(nonClosingOut(stdout), 1 << 16);
                QubeIO.write(q, to, o);
                o.flush();
            } else {
                QubeIO.write(q, to, Path.of(out));
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + (out == null ? "<stdout>" : out) + ": " + e.getMessage(), e);
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    private static OutputStream nonClosingOut(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
