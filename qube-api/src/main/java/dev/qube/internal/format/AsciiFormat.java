package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.ReadOptions;
import dev.qube.internal.Access;
import dev.qube.internal.Ascii;
import dev.qube.internal.Deep;
import dev.qube.internal.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The ASCII tree form (see {@link dev.qube.internal.Ascii}): read in either style; written with
 * chains of single children on one line, or ({@code ascii-qubed}) one key a line as qubed reads it.
 */
final class AsciiFormat implements FormatReader, FormatWriter {

    private final boolean keyPerLine;

    AsciiFormat(boolean keyPerLine) {
        this.keyPerLine = keyPerLine;
    }

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        return Qube.parse(new InputStreamReader(in, StandardCharsets.UTF_8), source, options.arena());
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (keyPerLine) {
            Store s = Access.store(qube);
            int root = Access.root(qube);
            s.checkOpen();
            Deep.run(qube.depth() + 1, () -> {
                Ascii.print(s, root, w, -1, -1, true);
                return null;
            });
        } else {
            qube.writeAscii(w);
        }
        w.flush();
    }
}
