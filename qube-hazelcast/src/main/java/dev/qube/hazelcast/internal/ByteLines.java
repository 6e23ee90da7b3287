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
 * Lines of a listing as bytes (no decoding: a piece is handed to the reader as the bytes it was
 * read as), each knowing whether the format allows a cut before it.
 *
 * <p>{@link #range} gives one byte range of an uncompressed file, so that each reader reads only
 * its share: from the first line at or after {@code start} before which a cut is allowed, up to
 * (not including) the first such line at or after {@code end}. Consecutive ranges thus hold every
 * line exactly once. {@link #whole} gives every line of a stream.
 */
final class ByteLines implements AutoCloseable {

    /** Bytes of a line decoded to decide a cut; a longer line is judged by this prefix (never a wrong cut). */
    private static final int PREFIX = 64;

    private final QubeFormat format;
    private final long end;
    private final InputStream in;
    private long pos;
    private boolean seekingCut;
    private boolean done;
    private boolean pushedBack;
    private byte[] buf = new byte[256];
    private int len;
    private boolean cut;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
    /** Where the first line returned starts (-1 before). */
    long firstLineStart = -1;

    private final String source;
    private final int maxLine = dev.qube.QubeIO.maxLineBytes();
    /** Lines read so far (of the range: its first line is 1). */
    private long lineNo;

    private ByteLines(InputStream in, QubeFormat format, long pos, long end, String source) {
        this.in = in;
        this.source = source;
        this.format = format;
        this.pos = pos;
        this.end = end;
    }

    static ByteLines whole(InputStream in, QubeFormat format, String source) {
        return new ByteLines(in, format, 0, Long.MAX_VALUE, source);
    }

    static ByteLines range(Path file, QubeFormat format, long start, long end, String source) throws IOException {
        FileChannel ch = FileChannel.open(file);
        try {
            if (start == 0) {
                return new ByteLines(Channels.newInputStream(ch), format, 0, end, source);
            }
            ch.position(start - 1);
            ByteLines l = new ByteLines(Channels.newInputStream(ch), format, start - 1, end, source);
            l.rawLine(); // to the start of the first line at or after start
            l.seekingCut = true;
            return l;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Bytes consumed so far (of the file, for a range). */
    long position() {
        return pos;
    }

    /** The current line's bytes, {@code [0, length())}. */
    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    /** Whether the format allows a cut before the current line. */
    boolean cutBefore() {
        return cut;
    }

    /** Makes the next {@link #next()} return the current line again. */
    void pushBack() {
        pushedBack = true;
    }

    /** Moves to the next line; false at the end. */
    boolean next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            return true;
        }
        while (!done) {
            long lineStart = pos;
            if (!rawLine()) {
                done = true;
                return false;
            }
            cut = cutAllowed();
            if (lineStart >= end && (cut || seekingCut)) {
                done = true;
                return false;
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
            return true;
        }
        return false;
    }

    private boolean cutAllowed() {
        if (format == QubeFormat.FDB || format == QubeFormat.IDS) {
            return true;
        }
        int n = Math.min(len, PREFIX);
        while (n > 0 && n < len && (buf[n] & 0xC0) == 0x80) {
            n--; // not inside a UTF-8 sequence
        }
        return format.canCutBefore(new String(buf, 0, n, StandardCharsets.UTF_8));
    }

    private boolean rawLine() throws IOException {
        int n = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (!any) {
                        return false;
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
            int l = i - from;
            if (n + l > buf.length) {
                if ((long) n + l > maxLine) {
                    // growth would overflow into a negative size, then grow by a chunk at a time (quadratic)
                    throw dev.qube.QubeIO.lineTooLong(source, lineNo + 1, maxLine + 1L);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(2L * buf.length, (long) n + l), maxLine));
            }
            System.arraycopy(chunk, from, buf, n, l);
            n += l;
            pos += l;
            if (i < chunkLen) { // the newline
                chunkPos = i + 1;
                pos++;
                break;
            }
            chunkPos = chunkLen;
        }
        lineNo++;
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        len = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
