package dev.qube.internal.format;

import dev.qube.QubeFormatException;
import dev.qube.internal.StrictUtf8;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an input line by line as raw bytes, without a String per line: after {@link #next()} the
 * current line is {@code buf[start, end)} (line break and a trailing CR removed). Keeps the line
 * number and turns byte offsets into 1-based character columns for error messages. Also interns
 * the keys and values it cuts out of lines (see {@link #text}), so that a long listing makes one
 * String per distinct text instead of one per occurrence.
 */
final class Lines {

    /** Distinct texts kept before the intern table is emptied (bounds memory on huge listings). */
    private static final int INTERN_LIMIT = 1 << 16;

    private final InputStream in;
    private final String source;
    private final int maxLine = dev.qube.QubeIO.maxLineBytes();
    byte[] buf = new byte[1 << 16];
    private int limit;
    private int next;
    private boolean eof;
    int start;
    int end;
    long lineNo;

    private byte[][] keys = new byte[1024][];
    private String[] texts = new String[1024];
    private int[] hashes = new int[1024];
    private int interned;

    Lines(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The lines of {@code data[0, length)}, numbered from {@code lineBefore + 1}. */
    Lines(byte[] data, int length, String source, long lineBefore) {
        this.in = InputStream.nullInputStream();
        this.source = source;
        reset(data, length, lineBefore);
    }

    /** Moves on to the lines of another block of bytes, keeping the intern table. */
    void reset(byte[] data, int length, long lineBefore) {
        buf = data;
        limit = length;
        next = 0;
        eof = true;
        start = 0;
        end = 0;
        lineNo = lineBefore;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            for (int i = next; i < limit; i++) {
                if (buf[i] == '\n') {
                    cut(next, i);
                    next = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (next < limit) {
                    cut(next, limit);
                    next = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void cut(int from, int to) {
        start = from;
        end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        lineNo++;
    }

    private void fill() throws IOException {
        if (next > 0) {
            System.arraycopy(buf, next, buf, 0, limit - next);
            limit -= next;
            next = 0;
        }
        if (limit == buf.length) {
            // buf holds only the current line, with no line break yet
            if (buf.length >= maxLine) {
                start = 0;
                end = maxLine;
                throw dev.qube.QubeIO.lineTooLong(source, lineNo + 1, column(maxLine));
            }
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxLine));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Whether the current line is empty or only white space. */
    boolean blank() {
        for (int i = start; i < end; i++) {
            if (!space(buf[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the current line starts with the ASCII text {@code prefix}. */
    boolean startsWith(String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The current line as text.
     *
     * @throws QubeFormatException at the first byte that is not UTF-8
     */
    String line() {
        return decode(start, end);
    }

    /** {@code buf[from, to)} decoded strictly: invalid UTF-8 is an error at its column, never U+FFFD. */
    private String decode(int from, int to) {
        int bad = StrictUtf8.invalidAt(buf, from, to);
        if (bad >= 0) {
            throw error(bad, StrictUtf8.describe(buf, bad, to));
        }
        return StrictUtf8.decode(buf, from, to);
    }

    static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b;
    }

    /** The 1-based character column of byte offset {@code pos} in the current line. */
    long column(int pos) {
        long col = 1;
        for (int i = start; i < pos && i < end; i++) {
            if ((buf[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return col + Math.max(0, pos - Math.max(end, start));
    }

    /** An error at byte offset {@code pos} of the current line. */
    QubeFormatException error(int pos, String reason) {
        return new QubeFormatException(source, lineNo, column(pos), reason);
    }

    /**
     * The text of {@code buf[from, to)} with white space at both ends removed, as an interned
     * String (equal texts give the same instance until the table is emptied); null if empty.
     */
    String text(int from, int to) {
        while (from < to && space(buf[from])) {
            from++;
        }
        while (to > from && space(buf[to - 1])) {
            to--;
        }
        if (from == to) {
            return null;
        }
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        int mask = keys.length - 1;
        int slot = mix(h) & mask;
        while (keys[slot] != null) {
            if (hashes[slot] == h && Arrays.equals(keys[slot], 0, keys[slot].length, buf, from, to)) {
                return texts[slot];
            }
            slot = (slot + 1) & mask;
        }
        String s = decode(from, to);
        keys[slot] = Arrays.copyOfRange(buf, from, to);
        texts[slot] = s;
        hashes[slot] = h;
        if (++interned * 2 > keys.length) {
            grow();
        }
        return s;
    }

    /**
     * Starts a fresh intern table when it is full; call only between lines. Returns true when it
     * did: texts interned before are then no longer identical to equal texts interned after.
     */
    boolean trimInterned() {
        if (interned >= INTERN_LIMIT) {
            keys = new byte[1024][];
            texts = new String[1024];
            hashes = new int[1024];
            interned = 0;
            return true;
        }
        return false;
    }

    private void grow() {
        byte[][] ok = keys;
        String[] ot = texts;
        int[] oh = hashes;
        keys = new byte[ok.length * 2][];
        texts = new String[ok.length * 2];
        hashes = new int[ok.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != null) {
                int slot = mix(oh[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = ok[i];
                texts[slot] = ot[i];
                hashes[slot] = oh[i];
            }
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
