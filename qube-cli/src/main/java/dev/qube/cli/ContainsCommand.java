package dev.qube.cli;

import dev.qube.Identifier;
import dev.qube.Qube;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube contains IN IDENTIFIER}: like {@code grep -q}, exit 0 if present, 1 if not, 2 on error. */
@Command(name = "contains", description = "Exit 0 if the identifier (k=v,k2=v2) is in the qube, 1 if not, 2 on any "
        + "error; print nothing (like grep -q).")
final class ContainsCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    @Parameters(index = "1", paramLabel = "IDENTIFIER", converter = FormatNames.IdentifierText.class,
            description = "k=v,k2=v2 in path order.")
    Identifier identifier;

    ContainsCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube q = root.read(in).qube()) {
            if (q.contains(identifier)) {
                return 0;
            }
            otherOrder(q);
            return 1;
        }
    }

    /**
     * Absent as written, but present with its keys in another order: key order is part of an
     * identifier, so the answer is right, and a warning says how to ask for the field instead.
     */
    private void otherOrder(Qube q) {
        List<String> keys = new ArrayList<>();
        identifier.pairs().forEach(p -> keys.add(p.getKey()));
        if (keys.size() < 2 || !q.keys().containsAll(keys)) {
            return;
        }
        try (Qube reordered = q.reorderKeys(keys)) {
            if (reordered.contains(identifier)) {
                root.warn((in.equals("-") ? "<stdin>" : in) + " holds " + identifier + " with its keys in another order "
                        + "(key order is part of an identifier); --key-order " + String.join(",", keys)
                        + " reads it in this order");
            }
        }
    }
}
