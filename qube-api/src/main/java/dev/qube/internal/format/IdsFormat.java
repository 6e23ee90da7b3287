package dev.qube.internal.format;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormatException;
import dev.qube.ReadOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** One identifier a line, {@code k=v,k=v} in path order; blank lines and {@code #} comments are skipped. */
final class IdsFormat implements FormatReader, FormatWriter {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        QubeBuilder b = Qube.builder(options.arena());
        long lineNo = 0;
        try {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    b.add(Identifier.parse(line));
                } catch (QubeFormatException e) {
                    throw new QubeFormatException(source, lineNo, e.column(), e.reason());
                }
            }
            return b.build();
        } catch (RuntimeException | IOException e) {
            b.abandon();
            throw e;
        }
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (Iterator<Identifier> it = qube.identifiers().iterator(); it.hasNext(); ) {
            w.write(it.next().toString());
            w.write('\n');
        }
        w.flush();
    }
}
