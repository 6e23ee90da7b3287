package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.ReadOptions;
import java.io.IOException;
import java.io.InputStream;

/** Reads one format into a canonical qube. */
public interface FormatReader {

    /**
     * Reads a whole input (already decompressed).
     *
     * @param source name of the input for error messages (a file name, or {@code <stdin>})
     * @throws dev.qube.QubeFormatException on malformed input, naming source, line and column
     */
    Qube read(InputStream in, String source, ReadOptions options) throws IOException;
}
