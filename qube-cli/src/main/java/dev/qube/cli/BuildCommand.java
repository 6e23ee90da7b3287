package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.hazelcast.QubeBuildException;
import dev.qube.hazelcast.QubeCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qube build FILES... -o OUT [--engine local|hazelcast] [--members N | --cluster HOST:PORT]}:
 * one qube, the union of the files, built here or on Hazelcast (embedded members or a cluster).
 */
@Command(name = "build", description = {"Build one qube, the union of the files (listings or qubes), and write it.",
        "--engine hazelcast cuts listings into pieces and builds them on a Hazelcast cluster: embedded members "
                + "(--members), or an existing cluster (--cluster, where the files must be readable at the same path "
                + "on every member)."})
final class BuildCommand implements Callable<Integer> {

    /** Where the build runs. */
    enum Engine { local, hazelcast }

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Listing or qube files (gzip or not).")
    List<String> files;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file, written atomically (-: standard output).")
    String out;

    @Option(names = "--to", paramLabel = "FMT", converter = FormatNames.Writable.class, defaultValue = "binary",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    QubeFormat to;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (default) or hazelcast.")
    Engine engine;

    @Option(names = "--members", paramLabel = "N",
            description = "With --engine hazelcast: embedded members started in this process (default 1).")
    Integer members;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "With --engine hazelcast: connect to this cluster ([name@]host:port) instead.")
    String cluster;

    @Option(names = "--piece-lines", paramLabel = "N", defaultValue = "20000",
            description = "With --engine hazelcast: lines of a listing a piece (default: ${DEFAULT-VALUE}).")
    int pieceLines;

    @Option(names = "--set", paramLabel = "KEY=V1/V2",
            description = "Attach metadata to every identifier built (--set location=lumi); repeatable.")
    List<String> set = new ArrayList<>();

    BuildCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        if (engine == Engine.local && (members != null || cluster != null)) {
            throw new ParameterException(spec.commandLine(), "--members and --cluster need --engine hazelcast");
        }
        if (members != null && cluster != null) {
            throw new ParameterException(spec.commandLine(), "--members and --cluster exclude each other");
        }
        if (members != null && members < 1) {
            throw new ParameterException(spec.commandLine(), "--members must be at least 1");
        }
        if (pieceLines < 1) {
            throw new ParameterException(spec.commandLine(), "--piece-lines must be at least 1");
        }
        List<dev.qube.Metadata> metadata = new ArrayList<>();
        for (String s : set) {
            try {
                dev.qube.Metadata m = dev.qube.Metadata.parse(s);
                if (m.isEmpty()) {
                    throw new IllegalArgumentException("empty");
                }
                metadata.add(m);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--set " + s + ": " + e.getMessage());
            }
        }
        Qube q = engine == Engine.local ? local() : distributed();
        try {
            for (dev.qube.Metadata m : metadata) {
                for (String key : m.keys()) {
                    Qube next = q.withMetadata(key, m.get(key));
                    q.close();
                    q = next;
                }
            }
            root.write(q, to, out);
        } finally {
            q.close();
        }
        return 0;
    }

    private Qube local() {
        List<Qube> parts = new ArrayList<>();
        try {
            for (String f : files) {
                parts.add(root.read(f).qube());
            }
            return parts.size() == 1 ? parts.removeFirst() : Qube.union(parts);
        } finally {
            parts.forEach(Qube::close);
        }
    }

    private Qube distributed() {
        List<Path> paths = new ArrayList<>();
        long total = 0;
        for (String f : files) {
            Path p = Path.of(f);
            if (f.equals("-") || !Files.isRegularFile(p)) {
                throw new CliException("cannot read " + f + ": " + (f.equals("-") ? "standard input cannot be built "
                        + "on a cluster" : Files.exists(p) ? "not a regular file" : "no such file"), null);
            }
            try {
                total += Files.size(p);
            } catch (IOException e) {
                throw new CliException("cannot read " + f + ": " + e.getMessage(), e);
            }
            paths.add(p);
        }
        String label = (files.size() == 1 ? files.getFirst() : files.size() + " files") + " on "
                + (cluster != null ? cluster : (members == null ? 1 : members) + " embedded member(s)");
        try (Progress progress = new Progress(root.stderr, root.terminal, label, total).start();
             QubeCluster c = cluster != null ? QubeCluster.connect(cluster)
                     : QubeCluster.embedded(members == null ? 1 : members)) {
            c.pieceLines(pieceLines);
            Qube built = c.build(paths, root.from, root.strict, progress::update,
                    w -> progress.println("qube: warning: " + w));
            List<String> order = root.keyOrder(spec);
            if (order == null) {
                return built;
            }
            try (built) {
                return built.reorderKeys(order);
            }
        } catch (QubeBuildException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
