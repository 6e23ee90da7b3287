package dev.qube.internal;

import dev.qube.QubeFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The one UTF-8 decoder of the text readers: invalid bytes are an error at their position, never
 * U+FFFD (which would merge {@code \xff} and {@code \xfe} into one value). Refused: bytes that
 * start no sequence (0x80–0xC1, 0xF5–0xFF), missing continuation bytes, overlong forms, encoded
 * surrogates and code points past U+10FFFF — what {@link java.nio.charset.CharsetDecoder} with
 * {@code REPORT} refuses, with the place.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * The length of the valid UTF-8 sequence at {@code b[i]} (1 to 4); -1 if it is invalid; 0 if
     * it may be valid but runs past {@code end} (the rest is not read yet).
     */
    public static int sequence(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80; // overlong
            hi = c == 0xed ? 0x9f : 0xbf; // surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            lo = c == 0xf0 ? 0x90 : 0x80; // overlong
            hi = c == 0xf4 ? 0x8f : 0xbf; // past U+10FFFF
        } else {
            return -1;
        }
        for (int k = 1; k < n; k++) {
            if (i + k >= end) {
                return 0;
            }
            int d = b[i + k] & 0xff;
            if (k == 1 ? d < lo || d > hi : (d & 0xc0) != 0x80) {
                return -1;
            }
        }
        return n;
    }

    /** The offset of the first invalid (or cut) sequence in {@code b[from, to)}, or -1 if all is valid. */
    public static int invalidAt(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int n = sequence(b, i, to);
            if (n <= 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /** What is wrong at {@code b[i]}, for a message. */
    public static String describe(byte[] b, int i, int end) {
        return "invalid UTF-8: byte 0x" + Integer.toHexString(b[i] & 0xff)
                + (sequence(b, i, end) == 0 ? " starts a sequence that the line or input cuts short" : "")
                + " (the input must be UTF-8)";
    }

    /** Decodes valid UTF-8 (checked with {@link #invalidAt}). */
    public static String decode(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * A reader of {@code in} that decodes strictly, throwing {@link QubeFormatException} with the
     * line and (code point) column of the first invalid byte.
     */
    public static Reader reader(InputStream in, String source) {
        return new StrictReader(in, source);
    }

    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final String source;
        private final int maxLine = dev.qube.QubeIO.maxLineBytes();
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;
        private boolean eof;
        private long line = 1;
        private long column = 1;
        private char pending; // the low surrogate of a supplementary character not yet returned

        StrictReader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        /** Makes at least 4 bytes available from pos (fewer at the end); false when none are left. */
        private boolean fill() throws IOException {
            if (lim - pos >= 4 || eof) {
                return pos < lim;
            }
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
            while (lim < 4 && !eof) {
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    eof = true;
                } else {
                    lim += n;
                }
            }
            return pos < lim;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int out = off;
            int stop = off + len;
            if (pending != 0) {
                cbuf[out++] = pending;
                pending = 0;
            }
            while (out < stop) {
                if (lim - pos < 4 && !eof ? !fill() : pos >= lim) {
                    break;
                }
                byte b0 = buf[pos];
                if (b0 >= 0) {
                    pos++;
                    cbuf[out++] = (char) b0;
                    if (b0 == '\n') {
                        line++;
                        column = 1;
                    } else if (++column > maxLine) {
                        throw dev.qube.QubeIO.lineTooLong(source, line, column);
                    }
                    continue;
                }
                int n = sequence(buf, pos, lim);
                if (n <= 0) {
                    throw new QubeFormatException(source, line, column, describe(buf, pos, lim));
                }
                int cp = switch (n) {
                    case 2 -> (b0 & 0x1f) << 6 | buf[pos + 1] & 0x3f;
                    case 3 -> (b0 & 0x0f) << 12 | (buf[pos + 1] & 0x3f) << 6 | buf[pos + 2] & 0x3f;
                    default -> (b0 & 0x07) << 18 | (buf[pos + 1] & 0x3f) << 12 | (buf[pos + 2] & 0x3f) << 6
                            | buf[pos + 3] & 0x3f;
                };
                pos += n;
                if (++column > maxLine) {
                    throw dev.qube.QubeIO.lineTooLong(source, line, column);
                }
                if (cp < 0x10000) {
                    cbuf[out++] = (char) cp;
                } else {
                    cbuf[out++] = Character.highSurrogate(cp);
                    if (out < stop) {
                        cbuf[out++] = Character.lowSurrogate(cp);
                    } else {
                        pending = Character.lowSurrogate(cp);
                    }
                }
            }
            return out == off ? -1 : out - off;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
