package dev.qube.server;

import dev.qube.QubeFormat;
import dev.qube.ReadOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qube serve FILES... [--port N] [--bind ADDR] [--watch] [--api-key-file F]}: serves
 * catalogues over HTTP until stopped (Ctrl-C).
 */
@Command(name = "serve", description = {"Serve catalogues over HTTP: a JSON API (see /openapi.json), qubed's "
        + "/api/v2/select/ and /api/v2/query, and a web page to browse them at /.",
        "Binary files are mapped in place; other formats are read once."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Catalogue files (any readable format, gzip or not).")
    List<Path> files;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--watch", description = "Reload a file when it is replaced or rewritten (atomically for requests).")
    boolean watch;

    @Option(names = "--api-key-file", paramLabel = "F",
            description = "File holding the key that POST unions must send as 'Authorization: Bearer KEY' "
                    + "(without it, unions are refused).")
    Path apiKeyFile;

    private final PrintStream out;
    private final CountDownLatch stop;

    /** A command that prints to standard output and runs until the process ends. */
    public ServeCommand() {
        this(System.out, new CountDownLatch(1));
    }

    /** For tests: print to {@code out}, return when {@code stop} opens. */
    ServeCommand(PrintStream out, CountDownLatch stop) {
        this.out = out;
        this.stop = stop;
    }

    /** The value of an option this command inherits from the root command, or null. */
    private Object inherited(String name) {
        OptionSpec o = spec.findOption(name);
        return o == null ? null : o.getValue();
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not in 0..65535");
        }
        String key = null;
        if (apiKeyFile != null) {
            try {
                key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "--api-key-file " + apiKeyFile + ": no such file");
            }
            if (key.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--api-key-file " + apiKeyFile + " is empty");
            }
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IOException("cannot read " + f + ": " + (Files.exists(f) ? "not a regular file" : "no such file"));
            }
        }
        long t0 = System.nanoTime();
        // the root command's --arena, --from and --strict apply here too (picocli keeps their values on the root)
        ReadOptions read = ReadOptions.defaults().withStrict(Boolean.TRUE.equals(inherited("--strict")))
                .withWarnings(w -> System.err.println("qube: warning: " + w));
        Object arena = inherited("--arena");
        if (arena != null) {
            read = read.withArena(arena.toString());
        }
        Object from = inherited("--from");
        QubeServer server = QubeServer.start(new QubeServer.Config(files, bind, port, watch, key, Limits.defaults(),
                from instanceof QubeFormat f ? f : null, read));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "qube-serve-stop"));
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.printf("qube serve: %d catalogue(s) (%s) loaded in %.2f s; listening on http://%s:%d/%s%n",
                server.catalogueNames().size(), String.join(", ", server.catalogueNames()),
                (System.nanoTime() - t0) / 1e9, host, server.port(), watch ? " (watching files)" : "");
        out.flush();
        try {
            stop.await();
        } finally {
            server.close();
        }
        return 0;
    }
}
