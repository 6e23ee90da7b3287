package dev.qube.reliability.fuzz;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Ways to damage an input: bit flips, byte insertion and deletion, truncation, deleted, duplicated
 * and swapped lines, huge numbers in place of numbers, deep nesting, invalid UTF-8, NUL bytes,
 * byte-order marks, splices of two inputs, and for binary images 32-bit fields set to extreme
 * values. Binary images are then often repaired (length and checksum recomputed), so that the
 * damage reaches the validation behind the checksum.
 */
final class Mutators {
    private Mutators() {
    }

    interface Mutator {
        byte[] apply(SplittableRandom r, byte[] in, byte[] other);
    }

    record Named(String name, Mutator m) {
    }

    static final List<String> HUGE = List.of("99999999999999999999", "2147483647", "2147483648", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e999999", "-1e999999", "1E-999999",
            "0", "-0", "-1", "00000000000000000000001", "1" + "0".repeat(400), "1.7976931348623157E309", "NaN", "Infinity",
            "18446744073709551616", "0x7fffffff", "1/to/99999999999", "00000101/to/99991231", "0/to/2147483647/by/1");

    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};

    private static final byte[] INTERESTING = {0, '\n', '\r', '\t', ' ', ',', '/', '=', '\\', '{', '}', '[', ']', '"', ':',
            '-', '+', '.', '*', 'e', '0', '1', '9', (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xc0};

    private static final int[] INTERESTING_INTS = {0, 1, -1, 2, 4, 7, 8, 12, 16, 19, 20, 24, 64, 255, 4096, 65535, 65536,
            0x7fff_ffff, 0x8000_0000, 0x7fff_fffe, 0xffff_fffe, 1 << 30, 0x8000_0001};

    static final List<Named> TEXT = List.of(
            new Named("bit-flip", Mutators::bitFlips),
            new Named("byte-set", Mutators::byteSet),
            new Named("byte-insert", Mutators::byteInsert),
            new Named("byte-delete", Mutators::byteDelete),
            new Named("truncate", Mutators::truncate),
            new Named("line-delete", Mutators::lineDelete),
            new Named("line-duplicate", Mutators::lineDuplicate),
            new Named("line-swap", Mutators::lineSwap),
            new Named("indent", Mutators::indent),
            new Named("huge-number", Mutators::hugeNumber),
            new Named("deep-nesting", Mutators::deepNesting),
            new Named("invalid-utf8", Mutators::invalidUtf8),
            new Named("nul", Mutators::nul),
            new Named("bom", Mutators::bom),
            new Named("chunk-duplicate", Mutators::chunkDuplicate),
            new Named("splice", Mutators::splice),
            new Named("long-run", Mutators::longRun));

    static final List<Named> BINARY = List.of(
            new Named("bit-flip", Mutators::bitFlips),
            new Named("byte-set", Mutators::byteSet),
            new Named("int-field", Mutators::intField),
            new Named("int-field", Mutators::intField),
            new Named("int-field", Mutators::intField),
            new Named("header-field", Mutators::headerField),
            new Named("offset-swap", Mutators::offsetSwap),
            new Named("byte-insert", Mutators::byteInsert),
            new Named("byte-delete", Mutators::byteDelete),
            new Named("truncate", Mutators::truncate),
            new Named("chunk-duplicate", Mutators::chunkDuplicate),
            new Named("splice", Mutators::splice));

    // ------------------------------------------------------------------ byte level

    static byte[] bitFlips(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length == 0) {
            return in;
        }
        byte[] b = in.clone();
        int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 16 : 3);
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    static byte[] byteSet(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length == 0) {
            return in;
        }
        byte[] b = in.clone();
        b[r.nextInt(b.length)] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        return b;
    }

    static byte[] byteInsert(SplittableRandom r, byte[] in, byte[] other) {
        byte[] ins = new byte[1 + r.nextInt(r.nextBoolean() ? 2 : 12)];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        }
        return insert(in, r.nextInt(in.length + 1), ins);
    }

    static byte[] byteDelete(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length == 0) {
            return in;
        }
        int at = r.nextInt(in.length);
        int n = Math.min(in.length - at, 1 + r.nextInt(r.nextBoolean() ? 2 : 64));
        return delete(in, at, n);
    }

    static byte[] truncate(SplittableRandom r, byte[] in, byte[] other) {
        return Arrays.copyOf(in, in.length == 0 ? 0 : r.nextInt(in.length));
    }

    static byte[] chunkDuplicate(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length == 0) {
            return in;
        }
        int at = r.nextInt(in.length);
        int n = Math.min(in.length - at, 1 + r.nextInt(256));
        return insert(in, r.nextInt(in.length + 1), Arrays.copyOfRange(in, at, at + n));
    }

    static byte[] splice(SplittableRandom r, byte[] in, byte[] other) {
        int a = in.length == 0 ? 0 : r.nextInt(in.length + 1);
        int b = other.length == 0 ? 0 : r.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(in, a + other.length - b);
        System.arraycopy(other, b, out, a, other.length - b);
        return out;
    }

    static byte[] longRun(SplittableRandom r, byte[] in, byte[] other) {
        byte[] run = new byte[1000 + r.nextInt(100_000)];
        Arrays.fill(run, INTERESTING[r.nextInt(INTERESTING.length)]);
        return insert(in, r.nextInt(in.length + 1), run);
    }

    // ------------------------------------------------------------------ text level

    private static List<byte[]> lines(byte[] in) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                out.add(Arrays.copyOfRange(in, start, i + 1));
                start = i + 1;
            }
        }
        if (start < in.length) {
            out.add(Arrays.copyOfRange(in, start, in.length));
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        lines.forEach(b::writeBytes);
        return b.toByteArray();
    }

    static byte[] lineDelete(SplittableRandom r, byte[] in, byte[] other) {
        List<byte[]> l = lines(in);
        if (l.isEmpty()) {
            return in;
        }
        int n = 1 + r.nextInt(Math.min(3, l.size()));
        for (int i = 0; i < n && !l.isEmpty(); i++) {
            l.remove(r.nextInt(l.size()));
        }
        return join(l);
    }

    static byte[] lineDuplicate(SplittableRandom r, byte[] in, byte[] other) {
        List<byte[]> l = lines(in);
        if (l.isEmpty()) {
            return in;
        }
        byte[] line = l.get(r.nextInt(l.size()));
        l.add(r.nextInt(l.size() + 1), line);
        return join(l);
    }

    static byte[] lineSwap(SplittableRandom r, byte[] in, byte[] other) {
        List<byte[]> l = lines(in);
        if (l.size() < 2) {
            return in;
        }
        java.util.Collections.swap(l, r.nextInt(l.size()), r.nextInt(l.size()));
        return join(l);
    }

    static byte[] indent(SplittableRandom r, byte[] in, byte[] other) {
        List<byte[]> l = lines(in);
        if (l.isEmpty()) {
            return in;
        }
        int i = r.nextInt(l.size());
        byte[] line = l.get(i);
        if (r.nextBoolean() && line.length > 0 && (line[0] == ' ' || line[0] == '\t')) {
            l.set(i, Arrays.copyOfRange(line, 1, line.length));
        } else {
            byte[] pad = new byte[1 + r.nextInt(r.nextInt(10) == 0 ? 5000 : 4)];
            Arrays.fill(pad, r.nextInt(5) == 0 ? (byte) '\t' : (byte) ' ');
            l.set(i, insert(line, 0, pad));
        }
        return join(l);
    }

    /** Replaces a run of digits (or inserts at random) with a huge or odd number. */
    static byte[] hugeNumber(SplittableRandom r, byte[] in, byte[] other) {
        byte[] num = HUGE.get(r.nextInt(HUGE.size())).getBytes(StandardCharsets.US_ASCII);
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < in.length; ) {
            if (in[i] >= '0' && in[i] <= '9') {
                int j = i;
                while (j < in.length && in[j] >= '0' && in[j] <= '9') {
                    j++;
                }
                runs.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        if (runs.isEmpty()) {
            return insert(in, r.nextInt(in.length + 1), num);
        }
        int[] run = runs.get(r.nextInt(runs.size()));
        return insert(delete(in, run[0], run[1] - run[0]), run[0], num);
    }

    static byte[] deepNesting(SplittableRandom r, byte[] in, byte[] other) {
        int depth = r.nextBoolean() ? 100_000 : 500 + r.nextInt(5_000);
        String open = switch (r.nextInt(4)) {
            case 0 -> "[";
            case 1 -> "{\"a\":";
            case 2 -> "{\"children\":[";
            default -> "{\"k=v\":";
        };
        StringBuilder b = new StringBuilder(open.length() * depth);
        for (int i = 0; i < depth; i++) {
            b.append(open);
        }
        byte[] nest = b.toString().getBytes(StandardCharsets.US_ASCII);
        return insert(in, r.nextBoolean() ? 0 : r.nextInt(in.length + 1), nest);
    }

    static byte[] invalidUtf8(SplittableRandom r, byte[] in, byte[] other) {
        return insert(in, r.nextInt(in.length + 1), INVALID_UTF8[r.nextInt(INVALID_UTF8.length)]);
    }

    static byte[] nul(SplittableRandom r, byte[] in, byte[] other) {
        byte[] z = new byte[1 + r.nextInt(3)];
        return insert(in, r.nextInt(in.length + 1), z);
    }

    static byte[] bom(SplittableRandom r, byte[] in, byte[] other) {
        byte[][] boms = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE}};
        return insert(in, r.nextInt(4) == 0 ? r.nextInt(in.length + 1) : 0, boms[r.nextInt(boms.length)]);
    }

    // ------------------------------------------------------------------ binary images

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static byte[] intField(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length < 8) {
            return in;
        }
        byte[] b = in.clone();
        int at = 4 * r.nextInt(b.length / 4);
        int v = switch (r.nextInt(4)) {
            case 0 -> INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
            case 1 -> MemorySegment.ofArray(b).get(LE_INT, 4L * r.nextInt(b.length / 4)); // another field's value
            case 2 -> MemorySegment.ofArray(b).get(LE_INT, at) + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(8));
            default -> r.nextInt();
        };
        MemorySegment.ofArray(b).set(LE_INT, at, v);
        return b;
    }

    static byte[] headerField(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length < 64) {
            return intField(r, in, other);
        }
        byte[] b = in.clone();
        int at = 8 + 4 * r.nextInt(14);
        MemorySegment.ofArray(b).set(LE_INT, at, INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)]);
        return b;
    }

    static byte[] offsetSwap(SplittableRandom r, byte[] in, byte[] other) {
        if (in.length < 16) {
            return in;
        }
        byte[] b = in.clone();
        MemorySegment s = MemorySegment.ofArray(b);
        long i = 4L * r.nextInt(b.length / 4);
        long j = 4L * r.nextInt(b.length / 4);
        int x = s.get(LE_INT, i);
        s.set(LE_INT, i, s.get(LE_INT, j));
        s.set(LE_INT, j, x);
        return b;
    }

    /** Makes a damaged binary image consistent again where it can: declared length and checksum. */
    static byte[] repairBinary(byte[] b) {
        if (b.length < 68) {
            return b;
        }
        byte[] out = b.clone();
        MemorySegment s = MemorySegment.ofArray(out);
        s.set(LE_LONG, 16, out.length);
        long arenaOffset = s.get(LE_LONG, 48);
        if (arenaOffset > 0 && arenaOffset < out.length) {
            s.set(LE_LONG, 40, out.length - 4 - arenaOffset);
        }
        CRC32C crc = new CRC32C();
        crc.update(out, 0, out.length - 4);
        s.set(LE_INT, out.length - 4, (int) crc.getValue());
        return out;
    }

    // ------------------------------------------------------------------ helpers

    static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    static byte[] delete(byte[] in, int at, int n) {
        byte[] out = new byte[in.length - n];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + n, out, at, in.length - at - n);
        return out;
    }
}
