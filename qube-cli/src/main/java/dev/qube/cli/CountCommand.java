package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qube count IN [SELECTION]}: the exact number of identifiers, or of those a selection
 * keeps (counted without making the selected qube), one integer and nothing else.
 */
@Command(name = "count", description = "Print the exact number of identifiers (one integer), or of those SELECTION keeps.")
final class CountCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SELECTION", converter = FormatNames.SelectionText.class,
            description = "k=v1/v2,k2=v3: count only the identifiers this selects (as 'qube select' would keep them).")
    Selection selection;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "relaxed", converter = FormatNames.Mode.class,
            description = "With SELECTION: relaxed (default), prune or strict, as for 'qube select'.")
    SelectMode mode;

    CountCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube q = root.read(in).qube()) {
            if (selection == null) {
                root.stdout.println(q.countExact());
            } else {
                SelectCommand.check(root, in, q, selection, mode);
                root.stdout.println(q.countExact(selection, mode));
            }
        }
        return 0;
    }
}
