package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube ids IN}: every identifier, one a line, in canonical order. */
@Command(name = "ids", description = {"Print every identifier, one a line (k=v,k=v in path order), in canonical order.",
        "With --metadata, each identifier that has metadata is followed by a tab and its metadata (key=v1/v2,key=v; keys "
                + "in code-point order, values canonical)."})
final class IdsCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    @Option(names = "--metadata", description = "Print each identifier's metadata after a tab.")
    boolean metadata;

    IdsCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube q = root.read(in).qube(); Qube shown = metadata ? q.copyTo(q.arenaName()) : q.withoutMetadata()) {
            root.write(shown, QubeFormat.IDS, null);
        }
        return 0;
    }
}
