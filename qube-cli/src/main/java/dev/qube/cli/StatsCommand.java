package dev.qube.cli;

import dev.qube.Qube;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qube stats IN}: sizes of a qube, one {@code name: value} a line. */
@Command(name = "stats", description = {"Print the sizes of a qube, one 'name: value' a line.",
        "identifiers; nodes (of the canonical tree, root included); unique nodes (each distinct subtree once); "
                + "keys (distinct); depth (longest identifier); bytes (arena memory in use); load time; "
                + "with metadata: its keys, per key the distinct values (the first 10 with their identifier counts), "
                + "its runs and bytes."})
final class StatsCommand implements Callable<Integer> {

    private final QubeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for standard input.")
    String in;

    StatsCommand(QubeCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.checkArena(spec);
        QubeCommand.Loaded loaded = root.read(in);
        try (Qube q = loaded.qube()) {
            StringBuilder b = new StringBuilder();
            b.append("identifiers: ").append(q.countExact()).append('\n');
            b.append("nodes: ").append(q.treeNodeCount()).append('\n');
            b.append("unique nodes: ").append(q.nodeCount()).append('\n');
            b.append("keys: ").append(q.keys().size()).append('\n');
            b.append("depth: ").append(q.depth()).append('\n');
            b.append("bytes: ").append(q.bytesInUse()).append('\n');
            if (q.hasMetadata()) {
                b.append("metadata keys: ").append(String.join(", ", q.metadataKeys())).append('\n');
                for (String key : q.metadataKeys()) {
                    var values = q.metadataValues(key);
                    b.append("metadata ").append(key).append(": ").append(values.size()).append(values.size() == 1 ? " value" : " values");
                    int shown = 0;
                    for (var e : values.entrySet()) {
                        if (shown++ == 10) {
                            b.append(" ...");
                            break;
                        }
                        b.append(shown == 1 ? " (" : ", ").append(dev.qube.Metadata.of(key, e.getKey()).toString().substring(key.length() + 1))
                                .append(' ').append(e.getValue());
                    }
                    b.append(values.isEmpty() ? "" : shown > 10 ? ")" : ")").append('\n');
                }
                b.append("metadata runs: ").append(q.metadataRuns()).append('\n');
                b.append("metadata bytes: ").append(q.metadataBytes()).append('\n');
            }
            b.append("load time: ").append(String.format(Locale.ROOT, "%.3f s", loaded.nanos() / 1e9)).append('\n');
            root.stdout.print(b);
        }
        return 0;
    }
}
