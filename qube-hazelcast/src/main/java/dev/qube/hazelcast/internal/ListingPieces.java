package dev.qube.hazelcast.internal;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Cuts listing files into pieces of about {@code pieceLines} lines (at the points where their
 * format allows a cut) and reads the pieces of one share ({@code piece % shares == share}) to
 * qubes; the other pieces are skipped without being parsed. A file whose format is not line based
 * is one piece. Errors name the file and the line in the whole file.
 */
public final class ListingPieces implements AutoCloseable {

    private final List<String> files;
    private final QubeFormat given;
    private final int pieceLines;
    private final int share;
    private final int shares;
    private final ReadOptions options;

    private int fileIndex = -1;
    private String file;
    private QubeFormat format;
    private BufferedReader reader;
    private String carried;      // the first line of the next piece, already read
    private long lineNo;         // lines of the current file read so far
    private long piece = -1;     // index of the last piece cut, over all files
    private long bytesBefore;    // stored bytes of the files before the current one
    private final long[] stored = new long[1]; // stored bytes of the current file read so far

    /**
     * @param format the format of every file, or null to detect each
     * @param share which share of the pieces to read, {@code 0 <= share < shares}
     */
    public ListingPieces(List<String> files, QubeFormat format, int pieceLines, int share, int shares, boolean strict) {
        if (shares < 1 || share < 0 || share >= shares || pieceLines < 1) {
            throw new IllegalArgumentException("share " + share + " of " + shares + ", " + pieceLines + " lines a piece");
        }
        this.files = List.copyOf(files);
        this.given = format;
        this.pieceLines = pieceLines;
        this.share = share;
        this.shares = shares;
        this.options = ReadOptions.defaults().withStrict(strict).withThreads(1).withWarnings(w -> { });
    }

    /** The qube of the next piece of this share, or null when every file is done. */
    public Qube next() throws IOException {
        while (true) {
            if (reader == null && !nextFile()) {
                return null;
            }
            if (reader == null) { // a whole file as one piece
                if (mine(++piece)) {
                    return QubeIO.read(Path.of(file), format, options);
                }
                continue;
            }
            boolean mine = mine(++piece);
            long first = lineNo - (carried != null ? 1 : 0) + 1;
            StringBuilder text = mine ? new StringBuilder(1 << 20) : null;
            int n = 0;
            String line = carried;
            carried = null;
            if (line == null) {
                line = read();
            }
            while (line != null) {
                if (n >= pieceLines && format.canCutBefore(line)) {
                    carried = line;
                    break;
                }
                if (mine) {
                    text.append(line).append('\n');
                }
                n++;
                line = read();
            }
            if (line == null) {
                closeReader();
            }
            if (mine && n > 0) {
                return parse(text, first);
            }
        }
    }

    /** Bytes of the files (as stored: compressed for gzip) read so far. */
    public long bytesRead() {
        return bytesBefore + stored[0];
    }

    private boolean mine(long index) {
        return index % shares == share;
    }

    private String read() throws IOException {
        String l = reader.readLine();
        if (l != null) {
            lineNo++;
        }
        return l;
    }

    private Qube parse(StringBuilder text, long first) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return QubeIO.read(new ByteArrayInputStream(bytes), file, format, options);
        } catch (QubeFormatException e) {
            throw new QubeFormatException(file, e.line() + first - 1, e.column(), e.reason(), e);
        }
    }

    private boolean nextFile() throws IOException {
        if (++fileIndex >= files.size()) {
            return false;
        }
        file = files.get(fileIndex);
        Path p = Path.of(file);
        format = given != null ? given : QubeIO.detect(p);
        lineNo = 0;
        carried = null;
        bytesBefore += stored[0];
        stored[0] = 0;
        if (format.lineBased()) {
            java.io.InputStream in = new java.io.FilterInputStream(java.nio.file.Files.newInputStream(p)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    stored[0] += Math.max(n, 0);
                    return n;
                }
            };
            reader = QubeIO.readLines(in, file);
        } else {
            reader = null;
            stored[0] = java.nio.file.Files.size(p);
        }
        return true;
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            BufferedReader r = reader;
            reader = null;
            r.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeReader();
        fileIndex = files.size();
    }
}
