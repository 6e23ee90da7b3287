package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.ReadOptions;
import dev.qube.internal.Access;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * {@code fdb list --porcelain}: one identifier a line, written as brace groups
 * {@code {k=v,...}{k=v,...}{k=v,...}} whose pairs, concatenated in order, are the path. Lines that
 * do not start with {@code {} (the {@code PRE-MAIN-ERROR} diagnostics the fdb client interleaves,
 * blank lines among them) are skipped and counted: one warning gives their number and the first
 * line; in strict mode the first one is an error. A line that starts like an identifier but is
 * malformed is always an error. Values are raw texts (fdb does not escape); white space around
 * keys and values is dropped. Read only.
 *
 * <p>Fast: large inputs are read on several threads ({@link ParallelLines}); lines are parsed as bytes, texts are interned, and since consecutive lines of a listing
 * share long prefixes, the pairs of the prefix a line shares with the previous line are reused
 * instead of parsed again.
 */
final class FdbFormat implements FormatReader {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        return ParallelLines.read(in, source, options, false,
                () -> new Skipped(source, options, "that is not an identifier", "that are not identifiers"),
                () -> {
                    Parser p = new Parser();
                    return (lines, b, skipped) -> {
                        while (lines.next()) {
                            if (lines.end == lines.start || lines.buf[lines.start] != '{') {
                                skipped.line(lines, "expected an identifier in braces '{k=v,...}'");
                                continue;
                            }
                            if (lines.trimInterned()) {
                                p.forget();
                            }
                            if (p.parse(lines)) {
                                Access.addChecked(b, p.keys, p.values, p.n, p.shared);
                            }
                        }
                    };
                });
    }

    /** Parses lines into pairs, reusing the pairs of the prefix shared with the previous line. */
    static final class Parser {
        String[] keys = new String[32];
        String[] values = new String[32];
        int n;
        /** How many leading pairs of the last line parsed are those of the line before it. */
        int shared;
        /** Per pair: offset (from line start) just after its terminator, whether that was '}', offset of its group's '{'. */
        private int[] pairEnd = new int[32];
        private boolean[] closes = new boolean[32];
        private int[] groupOpen = new int[32];
        private byte[] prev = new byte[256];
        private int prevLen = -1;
        private java.util.Set<String> seen;

        /** Forgets the previous line (its texts are no longer interned). */
        void forget() {
            prevLen = -1;
            shared = 0;
        }

        /**
         * Parses the current line; false when it is the same as the previous one (nothing new).
         *
         * @throws dev.qube.QubeFormatException when the line is malformed
         */
        boolean parse(Lines l) {
            byte[] buf = l.buf;
            int base = l.start;
            int len = l.end - base;
            int m = prevLen < 0 ? 0 : Arrays.mismatch(buf, base, l.end, prev, 0, prevLen);
            if (m < 0) {
                return false; // identical to the previous, valid line
            }
            int k = n;
            while (k > 0 && pairEnd[k - 1] > m) {
                k--;
            }
            n = k;
            shared = k;
            prevLen = -1; // until this line is known to be valid
            seen = null;
            int pos = base + (k == 0 ? 0 : pairEnd[k - 1]);
            boolean inGroup = k > 0 && !closes[k - 1];
            int open = k > 0 ? base + groupOpen[k - 1] : base;
            int end = l.end;
            while (true) {
                if (!inGroup) {
                    while (pos < end && Lines.space(buf[pos])) {
                        pos++;
                    }
                    if (pos == end) {
                        break;
                    }
                    byte c = buf[pos];
                    if (c != '{') {
                        throw l.error(pos, c == '}' ? "unbalanced '}'"
                                : "expected '{' to open the next group, found '" + (char) (c & 0xff) + "'");
                    }
                    open = pos++;
                    if (pos < end && buf[pos] == '}') {
                        throw l.error(open, "empty group '{}'");
                    }
                    inGroup = true;
                }
                int keyStart = pos;
                while (pos < end && buf[pos] != '=' && buf[pos] != ',' && buf[pos] != '}' && buf[pos] != '{') {
                    pos++;
                }
                if (pos == end) {
                    throw l.error(open, "unbalanced '{': no closing '}' on this line");
                }
                if (buf[pos] != '=') {
                    throw l.error(keyStart, "expected key=value, found no '='");
                }
                String key = l.text(keyStart, pos);
                if (key == null) {
                    throw l.error(keyStart, "empty key before '='");
                }
                int valueStart = ++pos;
                while (pos < end && buf[pos] != ',' && buf[pos] != '}' && buf[pos] != '{' && buf[pos] != '=') {
                    pos++;
                }
                if (pos == end) {
                    throw l.error(open, "unbalanced '{': no closing '}' on this line");
                }
                if (buf[pos] == '{') {
                    throw l.error(pos, "unbalanced '{': a group opens inside another");
                }
                if (buf[pos] == '=') {
                    throw l.error(pos, "unexpected '=' in the value of '" + key + "'");
                }
                String value = l.text(valueStart, pos);
                if (value == null) {
                    throw l.error(valueStart, "empty value for key '" + key + "'");
                }
                boolean twice = false;
                if (n < 16) {
                    for (int j = 0; j < n && !twice; j++) {
                        twice = keys[j] == key; // interned: equal texts are the same instance
                    }
                } else {
                    if (seen == null) { // a wide line: a set, so that N keys cost O(N), not O(N^2)
                        seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                        seen.addAll(Arrays.asList(keys).subList(0, n));
                    }
                    twice = !seen.add(key);
                }
                if (twice) {
                    throw l.error(keyStart, "key '" + key + "' appears twice in one identifier");
                }
                if (n == keys.length) {
                    grow();
                }
                keys[n] = key;
                values[n] = value;
                inGroup = buf[pos++] != '}';
                pairEnd[n] = pos - base;
                closes[n] = !inGroup;
                groupOpen[n] = open - base;
                n++;
            }
            if (prev.length < len) {
                prev = new byte[Math.max(len, prev.length * 2)];
            }
            System.arraycopy(buf, base, prev, 0, len);
            prevLen = len;
            return true;
        }

        private void grow() {
            int c = keys.length * 2;
            keys = Arrays.copyOf(keys, c);
            values = Arrays.copyOf(values, c);
            pairEnd = Arrays.copyOf(pairEnd, c);
            closes = Arrays.copyOf(closes, c);
            groupOpen = Arrays.copyOf(groupOpen, c);
        }
    }
}
