package dev.qube.tests.mutants;

import dev.qube.ValueOrder;
import dev.qube.spi.ValueCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Broken on purpose: a plain length-prefixed UTF-8 codec whose {@code decode} copies the payload
 * into one scratch buffer kept by the codec (to save an allocation per call) and cuts the texts
 * out of it. Right on one thread; two threads decoding at once read each other's bytes.
 */
public final class SharedScratchCodec implements ValueCodec {

    private byte[] scratch = new byte[256]; // THE BUG: shared by every thread that decodes

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    @Override
    public String name() {
        return "mutant-shared-scratch";
    }

    @Override
    public long encodedSize(List<String> values) {
        long n = 8;
        for (String v : values) {
            n += 4 + v.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        long at = offset + 8;
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            target.set(INT, at, b.length);
            MemorySegment.copy(b, 0, target, ValueLayout.JAVA_BYTE, at + 4, b.length);
            at += 4 + b.length;
        }
        target.set(INT, offset, values.size());
        target.set(INT, offset + 4, (int) (at - offset - 8));
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return source.get(INT, offset);
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        int n = source.get(INT, offset);
        int payload = source.get(INT, offset + 4);
        if (scratch.length < payload) {
            scratch = new byte[Math.max(payload, 2 * scratch.length)];
        }
        byte[] buf = scratch;
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, offset + 8, buf, 0, payload);
        int at = 0;
        for (int i = 0; i < n; i++) {
            int len = (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
            into.add(new String(buf, at + 4, len, StandardCharsets.UTF_8));
            at += 4 + len;
        }
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        List<String> all = new java.util.ArrayList<>();
        decode(source, offset, all);
        return java.util.Collections.binarySearch(all, value, ValueOrder.INSTANCE) >= 0;
    }
}
