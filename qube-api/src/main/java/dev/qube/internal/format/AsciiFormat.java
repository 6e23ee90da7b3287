package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.ReadOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The ASCII tree form (see {@link dev.qube.internal.Ascii}). */
final class AsciiFormat implements FormatReader, FormatWriter {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        return Qube.parse(dev.qube.internal.StrictUtf8.reader(in, source), source, options.arena());
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        qube.writeAscii(w);
        w.flush();
    }
}
