package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube ids IN}: every identifier, one a line, in canonical order. */
@Command(name = "ids", description = "Print every identifier, one a line (k=v,k=v in path order), in canonical order.")
final class IdsCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    IdsCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube q = root.read(in).qube()) {
            root.write(q, QubeFormat.IDS, null);
        }
        return 0;
    }
}
