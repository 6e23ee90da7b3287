package dev.qube.internal.format;

import dev.qube.Qube;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a qube in one format. */
public interface FormatWriter {

    /** Writes the whole qube; the caller closes {@code out}. */
    void write(Qube qube, OutputStream out) throws IOException;
}
