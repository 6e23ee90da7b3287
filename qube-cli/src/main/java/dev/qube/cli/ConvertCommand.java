package dev.qube.cli;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube convert IN [-o OUT] [--to FMT]}: reads any readable format, writes any writable one. */
@Command(name = "convert", description = "Convert a qube or listing to another format (default: ascii).")
final class ConvertCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output file, written atomically (default, or -: standard output).")
    String out;

    @Option(names = "--to", paramLabel = "FMT", converter = FormatNames.Writable.class,
            description = "Output format (default: ascii, or ids when the qube has metadata): ascii, ascii-qubed (one key=values "
                    + "a line, for qubed), ids, tree-json (today's qubed: versioned, typed values), tree-json-plain (qubed's older "
                    + "shape), nested-json, arena-json, html, binary.")
    QubeFormat to;

    ConvertCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        try (Qube q = root.read(in).qube()) {
            root.write(q, QubeCommand.outputFormat(to, q, root.dropMetadata), out);
        }
        return 0;
    }
}
