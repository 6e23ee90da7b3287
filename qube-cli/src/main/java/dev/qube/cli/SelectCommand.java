package dev.qube.cli;

import dev.qube.Metadata;
import dev.qube.Qube;
import java.util.ArrayList;
import java.util.List;
import dev.qube.QubeFormat;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.UnmatchedKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube select IN SELECTION [--mode M]}: the identifiers a selection keeps. */
@Command(name = "select", description = {"Keep the identifiers that a selection (k=v1/v2,k2=v3; * for any value) selects.",
        "--metadata KEY=V1/V2 keeps only identifiers whose metadata KEY holds one of the values (repeatable: all must hold)."})
final class SelectCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SELECTION", converter = FormatNames.SelectionText.class,
            description = "k=v1/v2,k2=v3: the values kept per key (may be left out with --metadata).")
    Selection selection;

    @Option(names = "--metadata", paramLabel = "KEY=V1/V2",
            description = "Keep identifiers whose metadata KEY holds one of the values (location=lumi); repeatable.")
    List<String> metadata = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "relaxed", converter = FormatNames.Mode.class,
            description = "relaxed (default): identifiers lacking a selected key are kept; prune: every selected key "
                    + "must be present; strict: every key of an identifier must be selected.")
    SelectMode mode;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output file, written atomically (default, or -: standard output).")
    String out;

    @Option(names = "--to", paramLabel = "FMT", converter = FormatNames.Writable.class,
            description = "Output format (default: ascii, or ids when the result has metadata).")
    QubeFormat to;

    private static Qube replace(Qube old, Qube next) {
        old.close();
        return next;
    }

    SelectCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        if (selection == null && metadata.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "missing a SELECTION or --metadata KEY=V1/V2");
        }
        List<Metadata> conditions = new ArrayList<>();
        for (String m : metadata) {
            try {
                Metadata c = Metadata.parse(m);
                if (c.isEmpty()) {
                    throw new IllegalArgumentException("empty condition");
                }
                conditions.add(c);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--metadata " + m + ": " + e.getMessage());
            }
        }
        root.checkArena(spec);
        Qube r = root.read(in).qube();
        try {
            if (selection != null) {
                check(root, in, r, selection, mode);
                r = replace(r, r.select(selection, mode));
            }
            for (Metadata c : conditions) {
                for (String key : c.keys()) {
                    r = replace(r, r.selectMetadata(key, c.get(key)));
                }
            }
            root.write(r, QubeCommand.outputFormat(to, r, root.dropMetadata), out);
        } finally {
            r.close();
        }
        return 0;
    }

    /**
     * A selected key that occurs nowhere (a misspelling: in relaxed mode it keeps everything) or a
     * range of the wrong kind is a warning, an error with {@code --strict}. A key whose values are
     * merely not selected is a plain empty answer.
     */
    static void check(QubeCommand root, String in, Qube q, Selection selection, SelectMode mode) {
        String source = in.equals("-") ? "<stdin>" : in;
        for (UnmatchedKey u : q.unmatchedKeys(selection)) {
            if (u.reason() == UnmatchedKey.Reason.NO_VALUE) {
                continue;
            }
            String text = source + ": " + u.message();
            if (root.strict) {
                throw new CliException(text + " (--strict)", null);
            }
            root.warn(text + (u.reason() == UnmatchedKey.Reason.ABSENT && mode == SelectMode.RELAXED
                    ? "; in relaxed mode every identifier without it is kept" : ""));
        }
    }
}
