package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import java.util.concurrent.Callable;
import java.util.function.BinaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube union|intersect|minus|xor A B}: a set operation on two qubes. */
@Command
final class SetOpCommand implements Callable<Integer> {

    /** The four set operations and their command names. */
    enum Op {
        UNION("union", "Identifiers in A or in B.", Qube::union),
        INTERSECT("intersect", "Identifiers in both A and B.", Qube::intersect),
        MINUS("minus", "Identifiers in A and not in B.", Qube::minus),
        XOR("xor", "Identifiers in exactly one of A and B.", Qube::xor);

        final String name;
        final String description;
        final BinaryOperator<Qube> apply;

        Op(String name, String description, BinaryOperator<Qube> apply) {
            this.name = name;
            this.description = description;
            this.apply = apply;
        }
    }

    private final QubeCommand root;
    private final Op op;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "First input, or - for standard input.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Second input, or - for standard input.")
    String b;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output file, written atomically (default, or -: standard output).")
    String out;

    @Option(names = "--to", paramLabel = "FMT", converter = FormatNames.Writable.class,
            description = "Output format (default: ascii, or ids when the qube has metadata).")
    QubeFormat to;

    SetOpCommand(QubeCommand root, Op op) {
        this.root = root;
        this.op = op;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube qa = root.read(a).qube(); Qube qb = root.read(b).qube()) {
            KeyOrders.conflict(qa, qb, name(a), name(b)).ifPresent(root::warn);
            try (Qube r = op.apply.apply(qa, qb)) {
                root.write(r, QubeCommand.outputFormat(to, r, root.dropMetadata), out);
            }
        }
        return 0;
    }

    private static String name(String in) {
        return in.equals("-") ? "<stdin>" : in;
    }
}
