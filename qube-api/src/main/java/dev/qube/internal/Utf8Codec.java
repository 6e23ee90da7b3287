package dev.qube.internal;

import dev.qube.spi.ValueCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The built-in codec: any texts, stored as UTF-8. Layout: {@code int count}, then
 * {@code count + 1} int offsets (relative to the byte area), then the bytes. Always applicable,
 * so every value set has an encoding even when no other codec is installed.
 */
public final class Utf8Codec implements ValueCodec {

    public static final String NAME = "utf8";
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long encodedSize(List<String> values) {
        long bytes = 4L + 4L * (values.size() + 1);
        boolean ascii = ascii(values);
        for (String v : values) {
            bytes += utf8Length(v, ascii);
        }
        return bytes;
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        int n = values.size();
        target.set(INT, offset, n);
        long offsets = offset + 4;
        long data = offsets + 4L * (n + 1);
        int pos = 0;
        for (int i = 0; i < n; i++) {
            target.set(INT, offsets + 4L * i, pos);
            byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(b, 0, target, ValueLayout.JAVA_BYTE, data + pos, b.length);
            pos += b.length;
        }
        target.set(INT, offsets + 4L * n, pos);
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return source.get(INT, offset);
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        int n = source.get(INT, offset);
        long offsets = offset + 4;
        long data = offsets + 4L * (n + 1);
        int start = source.get(INT, offsets);
        for (int i = 0; i < n; i++) {
            int end = source.get(INT, offsets + 4L * (i + 1));
            into.add(text(source, data + start, end - start));
            start = end;
        }
    }

    private static String text(MemorySegment s, long at, int len) {
        // check the bounds before anything is allocated: a damaged offset table must not ask for gigabytes
        if (len < 0 || at < 0 || at + len > s.byteSize()) {
            throw new IndexOutOfBoundsException("value text of " + len + " bytes at " + at + " is outside the segment");
        }
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Whether every text of {@code values} is known to be ASCII (integers the engine read: digits and '-'). */
    static boolean ascii(List<String> values) {
        return values instanceof IntegerTexts;
    }

    /** {@link #utf8Length(String)}, without reading the text when it is known to be {@code ascii}. */
    static long utf8Length(String s, boolean ascii) {
        return ascii ? s.length() : utf8Length(s);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
