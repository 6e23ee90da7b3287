package dev.qube.cli;

import dev.qube.Qube;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube count IN}: the exact number of identifiers, one integer and nothing else. */
@Command(name = "count", description = "Print the exact number of identifiers (one integer).")
final class CountCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    CountCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube q = root.read(in).qube()) {
            root.stdout.println(q.countExact());
        }
        return 0;
    }
}
