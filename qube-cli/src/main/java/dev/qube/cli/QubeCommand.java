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
        synopsisSubcommandLabel = "COMMAND", versionProvider = QubeCommand.Version.class,
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
            description = "Lines of a listing that are not data (diagnostics) are an error, not a warning; so is a "
                    + "selected key that occurs nowhere or a range of the wrong kind (select, count).")
    boolean strict;

    @Option(names = "--key-order", paramLabel = "K1,K2,...|FILE", scope = ScopeType.INHERIT,
            description = "Reorder the keys of every identifier read: these keys first, in this order, the others "
                    + "after them as they were. Key order is part of an identifier, so two listings of the same "
                    + "fields with keys in different orders only combine as expected when both are read in one "
                    + "order. A FILE holds the keys, separated by commas or lines.")
    String keyOrder;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

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

    /** Whether standard output is a terminal (binary output is refused there); set by {@link QubeCli#run}. */
    boolean stdoutTerminal;

    /** The version of the command, from the build. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            java.util.Properties p = new java.util.Properties();
            try (InputStream in = QubeCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"qube " + p.getProperty("version", "(unknown version)") + " (Java "
                    + Runtime.version() + ", " + System.getProperty("java.vm.name", "?") + ")"};
        }
    }

    /**
     * Checks the backend name and the key order before any work, so that a wrong one is bad usage
     * (exit 2).
     */
    void checkArena(CommandSpec sub) {
        if (arena != null && !Qube.backends().contains(arena)) {
            throw new ParameterException(sub.commandLine(), "--arena " + arena + ": no backend named '" + arena + "'; available: "
                    + String.join(", ", Qube.backends()));
        }
        try {
            Qube.builder(arena).abandon();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ParameterException(sub.commandLine(), "--arena " + arena + ": " + e.getMessage());
        }
        keyOrder(sub);
    }

    private java.util.List<String> keys;

    /** The keys of {@code --key-order}, from the text or the file it names; null without the option. */
    java.util.List<String> keyOrder(CommandSpec sub) {
        if (keyOrder == null || keys != null) {
            return keys;
        }
        String text = keyOrder;
        Path p = Path.of(keyOrder.isBlank() ? "." : keyOrder);
        if (!keyOrder.contains(",") && Files.isRegularFile(p)) {
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new ParameterException(sub.commandLine(), "--key-order " + keyOrder + ": cannot read it: " + e.getMessage());
            }
        }
        java.util.List<String> k = new java.util.ArrayList<>();
        for (String part : text.split("[,\\n\\r]")) {
            String key = part.strip();
            if (!key.isEmpty()) {
                if (k.contains(key)) {
                    throw new ParameterException(sub.commandLine(), "--key-order names '" + key + "' twice");
                }
                k.add(key);
            }
        }
        if (k.isEmpty()) {
            throw new ParameterException(sub.commandLine(), "--key-order " + keyOrder + ": no key given");
        }
        keys = k;
        return k;
    }

    /** Prints a warning on standard error, {@code qube: warning: ...}. */
    void warn(String text) {
        stderr.println("qube: warning: " + text);
        stderr.flush();
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
            if (Files.isDirectory(p)) {
                throw new CliException("cannot read " + in + ": not a regular file", null);
            }
            if (!Files.exists(p)) {
                throw new CliException("cannot read " + in + ": no such file", null);
            }
            // a FIFO or process substitution (<(zcat x.gz)) is read as a stream: every format is read in one pass
            if (Files.isRegularFile(p)) {
                try {
                    size = Files.size(p);
                } catch (IOException e) {
                    throw new CliException("cannot read " + in + ": " + e.getMessage(), e);
                }
            }
        }
        long t0 = System.nanoTime();
        Qube q;
        long bytesRead;
        try (Progress progress = new Progress(stderr, terminal, source, size).start();
             InputStream s = std ? nonClosing(stdin) : Files.newInputStream(Path.of(in))) {
            ReadOptions options = ReadOptions.defaults()
                    .withArena(arena)
                    .withStrict(strict)
                    .withWarnings(w -> progress.println("qube: warning: " + w))
                    .withProgress(progress::update);
            q = QubeIO.read(s, source, from, options);
            bytesRead = progress.bytes();
        } catch (dev.qube.QubeFormatException e) {
            // a listing format named with --from that reads no line of the input: say what the input looks like
            if (forcedListing() && e.reason().contains("nothing was read")) {
                throw new CliException(e.getMessage() + forcedListingHint(std ? null : Path.of(in)), e);
            }
            throw e;
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + in + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot read " + in + ": permission denied", e);
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage(), e);
        }
        try {
            checkForcedListing(q, source, std ? null : Path.of(in), Math.max(size, bytesRead));
            if (keys != null) {
                try (Qube read = q) {
                    q = read.reorderKeys(keys);
                }
            }
        } catch (RuntimeException | Error e) {
            q.close();
            throw e;
        }
        return new Loaded(q, System.nanoTime() - t0);
    }

    /**
     * A listing format named with {@code --from} skips the lines it cannot read: when that leaves
     * nothing of a non-empty input, the format was wrong, which is an error, not an empty qube.
     */
    private void checkForcedListing(Qube q, String source, Path file, long bytes) {
        if (!forcedListing() || bytes == 0 || !q.isEmpty()) {
            return;
        }
        throw new CliException(source + ": --from " + from.id() + " found no identifier in this input"
                + forcedListingHint(file), null);
    }

    private boolean forcedListing() {
        return from == QubeFormat.FDB || from == QubeFormat.FDB_COMPACT || from == QubeFormat.MARS;
    }

    /** What the input looks like, when that can be told, and the way out. */
    private static String forcedListingHint(Path file) {
        String looks = "";
        if (file != null) {
            try {
                looks = " (it looks like " + QubeIO.detect(file).id() + ")";
            } catch (IOException | RuntimeException e) {
                looks = "";
            }
        }
        return looks + "; leave out --from to detect the format";
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
                    + String.join(", ", q.metadataKeys()) + "): write --to binary, ids, tree-json or arena-json, or add --drop-metadata", null);
        }
        try {
            if ((out == null || out.equals("-")) && to == QubeFormat.BINARY && stdoutTerminal) {
                throw new CliException("refusing to write binary data to a terminal; name a file with -o, or "
                        + "redirect standard output", null);
            }
            if (out == null || out.equals("-")) {
                OutputStream o = new BufferedOutputStream(nonClosingOut(stdout), 1 << 16);
                QubeIO.write(q, to, o);
                o.flush();
            } else {
                QubeIO.write(q, to, Path.of(out));
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + (out == null ? "<stdout>" : out) + ": " + reason(e), e);
        }
    }

    /**
     * Why a write failed, without the name of the temporary file the atomic write used: the
     * message names the output the user gave.
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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
