package dev.qube.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code qube aot-train} (hidden): the training run behind the {@code ./qube} launcher's
 * ahead-of-time cache. It runs the usual commands on a small generated listing in a temporary
 * directory — every reader and writer, the set operations, select, stats — so that the classes
 * they load and link are in the cache and later runs start faster. Prints nothing; fails if one
 * of those runs fails.
 */
@Command(name = "aot-train", hidden = true, description = "Training run for the launcher's AOT cache (internal).")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("qube-aot-train");
        try {
            StringBuilder listing = new StringBuilder();
            for (int date = 1; date <= 28; date++) {
                for (int param : new int[] {130, 167, 228}) {
                    listing.append("{class=od,expver=0001}{stream=oper,date=202401").append(date < 10 ? "0" : "").append(date)
                            .append("}{param=").append(param).append(",step=").append(date % 4 * 6).append("}\n");
                }
            }
            Path fdb = Files.writeString(dir.resolve("listing.txt"), listing);
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {"count", fdb.toString()});
            for (String format : new String[] {"ascii", "ids", "tree-json", "nested-json", "arena-json", "binary", "html"}) {
                Path out = dir.resolve("out." + format);
                runs.add(new String[] {"convert", fdb.toString(), "-o", out.toString(), "--to", format});
                if (!format.equals("html")) {
                    runs.add(new String[] {"count", out.toString()});
                }
            }
            Path binary = dir.resolve("out.binary");
            runs.add(new String[] {"show", binary.toString()});
            runs.add(new String[] {"stats", binary.toString()});
            runs.add(new String[] {"ids", binary.toString()});
            runs.add(new String[] {"select", binary.toString(), "param=167,step=0/to/12/by/6"});
            runs.add(new String[] {"union", binary.toString(), dir.resolve("out.tree-json").toString()});
            runs.add(new String[] {"contains", binary.toString(), "class=od,expver=0001,stream=oper,date=20240101,param=130,step=6"});
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            for (String[] args : runs) {
                if (QubeCli.run(args, new ByteArrayInputStream(new byte[0]), quiet, quiet, false) != 0) {
                    throw new CliException("training run failed: qube " + String.join(" ", args), null);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return 0;
    }
}
