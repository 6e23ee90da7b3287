package dev.qube.cli;

import dev.qube.QubeFormatException;
import java.io.InputStream;
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

    private QubeCli() {
    }

    /**
     * Runs the command line {@code args} against these streams.
     *
     * @param terminal whether standard error is a terminal (progress bars are drawn only then)
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, in, out, err, terminal, out == System.out && Terminals.stdoutIsTerminal());
    }

    /**
     * Runs the command line {@code args} against these streams.
     *
     * @param terminal whether standard error is a terminal (progress bars are drawn only then)
     * @param stdoutTerminal whether standard output is a terminal (binary output is refused there)
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal, boolean stdoutTerminal) {
        QubeCommand root = new QubeCommand(in, out, err, terminal);
        root.stdoutTerminal = stdoutTerminal;
        CommandLine cl = commandLine(root);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
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
        cl.addSubcommand("aot-train", new TrainCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(QubeCli::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(root, e, commandLine));
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("qube: " + Suggestions.message(e) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    private static int failure(QubeCommand root, Exception e, CommandLine cl) {
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

    /** One line saying what went wrong. */
    static String message(Throwable e) {
        if (e instanceof QubeFormatException || e instanceof CliException) {
            return e.getMessage();
        }
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return text.lines().findFirst().orElse(text);
    }
}
