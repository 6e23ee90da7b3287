package dev.qube.hazelcast.internal;

import dev.qube.QubeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of one byte range of an uncompressed listing, so that each reader reads only its
 * share of the file: from the first line at or after {@code start} before which the format allows
 * a cut, up to (not including) the first such line at or after {@code end}. Consecutive ranges
 * thus hold every line exactly once.
 */
final class RangeLines implements AutoCloseable {

    private final QubeFormat format;
    private final long end;
    private final InputStream in;
    private long pos;
    private boolean seekingCut;
    private boolean done;
    private byte[] buf = new byte[256];
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
    /** Where the first line returned starts. */
    long firstLineStart = -1;

    RangeLines(Path file, QubeFormat format, long start, long end) throws IOException {
        this.format = format;
        this.end = end;
        FileChannel ch = FileChannel.open(file);
        try {
            if (start > 0) {
                ch.position(start - 1);
                pos = start - 1;
                in = Channels.newInputStream(ch);
                rawLine(); // to the start of the first line at or after start
                seekingCut = true;
            } else {
                in = Channels.newInputStream(ch);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Bytes of the file consumed so far, counted from the range's start. */
    long position() {
        return pos;
    }

    /** The next line of the range, or null at its end. */
    String next() throws IOException {
        while (!done) {
            long lineStart = pos;
            String line = rawLine();
            if (line == null) {
                done = true;
                return null;
            }
            boolean cut = format.canCutBefore(line);
            if (lineStart >= end && (cut || seekingCut)) {
                done = true;
                return null;
            }
            if (seekingCut) {
                if (!cut) {
                    continue; // still the previous range's
                }
                seekingCut = false;
            }
            if (firstLineStart < 0) {
                firstLineStart = lineStart;
            }
            return line;
        }
        return null;
    }

    private String rawLine() throws IOException {
        int n = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int from = chunkPos;
            int i = from;
            while (i < chunkLen && chunk[i] != '\n') {
                i++;
            }
            int len = i - from;
            if (n + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + len));
            }
            System.arraycopy(chunk, from, buf, n, len);
            n += len;
            pos += len;
            if (i < chunkLen) { // the newline
                chunkPos = i + 1;
                pos++;
                break;
            }
            chunkPos = chunkLen;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
