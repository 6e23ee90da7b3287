package dev.qube.cli;

import dev.qube.Qube;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube show IN}: the ASCII tree, whole labels unless {@code --width} is given. */
@Command(name = "show", description = "Print the tree of a qube (lossless unless --depth or --width cut it).")
final class ShowCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    @Option(names = "--depth", paramLabel = "N", description = "Print only the first N levels below the root.")
    Integer depth;

    @Option(names = "--width", paramLabel = "N", description = "Cut labels at N characters (default: never).")
    Integer width;

    @Option(names = "--metadata", description = "After the tree, each metadata key with its values and how many identifiers hold each.")
    boolean metadata;

    ShowCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() throws IOException {
        if (depth != null && depth < 0) {
            throw new ParameterException(spec.commandLine(), "--depth must be 0 or more, not " + depth);
        }
        if (width != null && width < 1) {
            throw new ParameterException(spec.commandLine(), "--width must be 1 or more, not " + width);
        }
        root.checkArena(spec);
        try (Qube q = root.read(in).qube()) {
            Writer w = new BufferedWriter(new OutputStreamWriter(root.stdout, StandardCharsets.UTF_8), 1 << 16);
            try {
                if (depth == null && width == null) {
                    q.writeAscii(w);
                } else {
                    w.write(q.toAscii(depth == null ? -1 : depth, width == null ? -1 : width));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (metadata) {
                for (String key : q.metadataKeys()) {
                    w.write("metadata " + key + ":");
                    for (var e : q.metadataValues(key).entrySet()) {
                        w.write(" " + dev.qube.Metadata.of(key, e.getKey()).toString().substring(key.length() + 1)
                                + " (" + e.getValue() + ")");
                    }
                    w.write('\n');
                }
                if (q.metadataKeys().isEmpty()) {
                    w.write("metadata: none\n");
                }
            }
            w.flush();
        }
        return 0;
    }
}
