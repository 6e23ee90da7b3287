package dev.qube.cli;

import dev.qube.QubeFormatException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Wires the {@code qube} command: the root command, its subcommands and the error handling that
 * gives the exit codes (0 success, 1 failure, 2 bad usage; {@code contains}: 0 present, 1 absent,
 * 2 any error) and one-line messages on standard error.
 */
final class QubeCli {

    static final int FAILURE = 1;
    static final int USAGE = 2;
    /** Exit status when standard output is a pipe that its reader closed (128 + SIGPIPE, as the shell reports it). */
    static final int BROKEN_PIPE = 141;

    private QubeCli() {
    }

    /**
     * Runs the command line {@code args} against these streams.
     *
     * @param terminal whether standard error is a terminal (progress bars are drawn only then)
     */
    static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err, boolean terminal) {
        return run(args, in, stdout, err, terminal, false);
    }

    /**
     * Runs the command line {@code args} against these streams.
     *
     * @param terminal whether standard error is a terminal (progress bars are drawn only then)
     * @param stdoutTerminal whether standard output is a terminal (binary output is refused there)
     */
    static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err, boolean terminal, boolean stdoutTerminal) {
        // every command writes through this one checked stream: a write error is never swallowed
        CheckedOutput checked = new CheckedOutput(stdout);
        PrintStream out = new PrintStream(new BufferedOutputStream(checked, 1 << 16), false, StandardCharsets.UTF_8);
        QubeCommand root = new QubeCommand(in, out, err, terminal);
        root.stdoutTerminal = stdoutTerminal;
        CommandLine cl = commandLine(root);
        // picocli's own output (help) would print a stack trace for the failure: it sees a quiet view, checked below
        cl.setOut(new PrintWriter(checked.quiet(out), true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            if (checked.failure() == null) {
                out.flush();
            }
            return checked.failure() == null ? code : outputFailed(checked.failure(), err, cl);
        } catch (CheckedOutput.Failure f) {
            return outputFailed(f, err, cl);
        } catch (Error e) {
            // picocli lets errors through; those of a command's call() arrive here
            err.println("qube: " + message(e));
            if (root.debug) {
                e.printStackTrace(err);
            }
            return isContains(cl) ? USAGE : FAILURE;
        } finally {
            err.flush();
        }
    }

    /**
     * Standard output could not be written: one line and exit 1 (2 for {@code contains}); a pipe whose
     * reader went away ends the run quietly with 141, the status of a process killed by {@code SIGPIPE}.
     */
    private static int outputFailed(CheckedOutput.Failure f, PrintStream err, CommandLine cl) {
        err.flush();
        if (f.brokenPipe()) {
            return BROKEN_PIPE;
        }
        if (f.reported) {
            return isContains(cl) ? USAGE : FAILURE;
        }
        f.reported = true;
        err.println("qube: cannot write to standard output: " + f.getMessage());
        return isContains(cl) ? USAGE : FAILURE;
    }

    private static boolean isContains(CommandLine cl) {
        CommandLine.ParseResult r = cl.getParseResult();
        while (r != null && r.subcommand() != null) {
            r = r.subcommand();
        }
        return r != null && r.commandSpec().userObject() instanceof ContainsCommand;
    }

    static CommandLine commandLine(QubeCommand root) {
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand("show", new ShowCommand(root));
        cl.addSubcommand("count", new CountCommand(root));
        cl.addSubcommand("stats", new StatsCommand(root));
        cl.addSubcommand("ids", new IdsCommand(root));
        cl.addSubcommand("convert", new ConvertCommand(root));
        cl.addSubcommand("build", new BuildCommand(root));
        for (SetOpCommand.Op op : SetOpCommand.Op.values()) {
            CommandLine sub = new CommandLine(new SetOpCommand(root, op));
            sub.getCommandSpec().usageMessage().description(op.description);
            cl.addSubcommand(op.name, sub);
        }
        cl.addSubcommand("select", new SelectCommand(root));
        cl.addSubcommand("contains", new ContainsCommand(root));
        cl.addSubcommand("serve", new dev.qube.server.ServeCommand());
        cl.addSubcommand("aot-train", new TrainCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(QubeCli::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(root, e, commandLine));
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        // bounded: an @file argument expands to the file's words, which picocli would list in full
        err.println("qube: " + bounded(Suggestions.message(e)) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    private static int failure(QubeCommand root, Exception e, CommandLine cl) {
        CheckedOutput.Failure output = CheckedOutput.of(e);
        if (output != null) {
            return outputFailed(output, root.stderr, cl);
        }
        PrintWriter err = cl.getErr();
        err.println("qube: " + message(e));
        if (root.debug) {
            // the stack trace without its first line, which would repeat the message
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().skip(1).forEach(err::println);
        }
        err.flush();
        return cl.getCommand() instanceof ContainsCommand ? USAGE : FAILURE;
    }

    /** Longest message printed: a line of sensible length, whatever a library puts in its message. */
    static final int MAX_MESSAGE = 400;

    /** One line saying what went wrong, at most {@link #MAX_MESSAGE} characters. */
    static String message(Throwable e) {
        return bounded(fullMessage(e));
    }

    /** {@code m} cut to at most {@link #MAX_MESSAGE} characters, saying how long it was. */
    static String bounded(String m) {
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 30) + "... (" + m.length() + " characters)";
    }

    private static String fullMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Error error) {
                return errorMessage(error);
            }
        }
        return oneLine(e);
    }

    /**
     * What ran out, and what to do: a Java {@link Error} is not a bug report for the user to
     * decipher (a stack trace) but, nearly always, a limit of the machine or the JVM's settings.
     */
    static String errorMessage(Error e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return switch (e) {
            case OutOfMemoryError o when m.contains("Direct buffer") || m.contains("direct") ->
                    "out of memory outside the Java heap (" + m + "): use --arena mapped (memory-mapped files), or "
                            + "raise the limit with QUBE_JAVA_OPTS=-XX:MaxDirectMemorySize=<size>";
            case OutOfMemoryError o when m.contains("native thread") ->
                    "could not start a thread (" + m + "): the system's limit on processes or threads is reached";
            case OutOfMemoryError o -> "out of memory: the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB) is full (" + (m.isEmpty() ? "OutOfMemoryError" : m) + "); give it more with "
                    + "QUBE_JAVA_OPTS=-Xmx<size> (e.g. -Xmx8g), read a smaller input, or hold qubes outside the heap "
                    + "with --arena offheap or --arena mapped";
            case StackOverflowError s -> "out of stack (the input is nested too deeply for this thread): give it "
                    + "more with QUBE_JAVA_OPTS=-Xss<size> (e.g. -Xss64m)";
            case InternalError i when m.contains("unsafe memory access") ->
                    "a memory-mapped file could not be read or written (" + m + "): its disk is full, or the file "
                            + "was truncated or changed while in use; free space (or set -Dqube.mapped.dir with "
                            + "QUBE_JAVA_OPTS), or use --arena heap or offheap";
            default -> "internal error: " + e.getClass().getName() + (m.isEmpty() ? "" : ": " + oneLine(e))
                    + " (run with --debug for the stack trace, and please report it)";
        };
    }

    private static String oneLine(Throwable e) {
        if (e instanceof QubeFormatException || e instanceof CliException) {
            return e.getMessage();
        }
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return oneLine(u.getCause());
        }
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return text.lines().findFirst().orElse(text);
    }
}
