package dev.qube.internal.format;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormatException;
import dev.qube.ReadOptions;
import dev.qube.internal.Access;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One identifier a line, {@code k=v,k=v} in path order; blank lines and {@code #} comments are
 * skipped. A line may end in a tab and the identifier's metadata, {@code key=v1/v2,key=v} (keys
 * in code-point order and values in canonical order when written; any order when read).
 */
final class IdsFormat implements FormatReader, FormatWriter {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        return ParallelLines.read(in, source, options, true, () -> new Skipped(source, options, "", ""), () -> {
            Parser p = new Parser();
            return new ParallelLines.Worker() {
                private long pairs;
                private long sharedPairs; // with the line before, as a prefix: how sorted the lines are

                @Override
                public void read(Lines lines, QubeBuilder b, Skipped skipped) throws IOException {
                    while (lines.next()) {
                        if (lines.trimInterned()) {
                            p.forget();
                        }
                        switch (p.parse(lines)) {
                            case Parser.ADDED -> {
                                pairs += p.n;
                                sharedPairs += p.shared;
                                Access.addChecked(b, p.keys, p.values, p.n, p.shared);
                            }
                            case Parser.SAME -> { } // the same identifier as the line before
                            default -> slowLine(lines, b, source);
                        }
                    }
                }

                @Override
                public boolean linesLookSorted() {
                    return ParallelLines.looksSorted(pairs, sharedPairs);
                }
            };
        });
    }

    /**
     * A line the fast parser leaves alone (not plain ASCII, escapes, a comment, an error): read
     * the way {@link Identifier#parse} defines it. A lone CR separates lines, as it would for a
     * {@code BufferedReader}.
     */
    private static void slowLine(Lines lines, QubeBuilder b, String source) {
        String[] parts = lines.line().split("\r", -1);
        long first = lines.lineNo;
        lines.lineNo += parts.length - 1;
        for (int i = 0; i < parts.length; i++) {
            String line = parts[i];
            if (!line.isBlank() && !line.startsWith("#")) {
                int tab = line.indexOf('\t'); // a tab in a text is written \t: a raw tab starts the metadata
                String id = tab < 0 ? line : line.substring(0, tab);
                Identifier parsed;
                int bad = unescapedInText(id);
                if (bad >= 0) {
                    throw new QubeFormatException(source, first + i, bad + 1, id.charAt(bad) == '/'
                            ? "unescaped '/' in a value: an identifier has one value per key (write \\/ for a slash in a value;"
                                    + " lines of k=v1/v2 value lists are the mars format)"
                            : "unescaped '=' in a value (write \\= for an equals sign in a value)");
                }
                try {
                    parsed = Identifier.parse(id);
                } catch (QubeFormatException e) {
                    throw new QubeFormatException(source, first + i, e.column(), e.reason());
                }
                if (tab < 0) {
                    b.add(parsed);
                } else {
                    dev.qube.Metadata md;
                    try {
                        md = dev.qube.Metadata.parse(line.substring(tab + 1));
                    } catch (IllegalArgumentException e) {
                        throw new QubeFormatException(source, first + i, tab + 2, "bad metadata after the tab: " + e.getMessage());
                    }
                    b.add(parsed, md);
                }
            }
        }
    }

    /**
     * The index of a {@code /}, or of a second {@code =} in one {@code k=v} item, that is not
     * escaped, or -1: the writer escapes both in texts, so either means the line is not one
     * identifier (a MARS listing's value list, JSON, brace groups of an FDB listing...).
     */
    static int unescapedInText(String line) {
        boolean eq = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                eq = false;
            } else if (c == '/' || c == '=' && eq) {
                return i;
            } else if (c == '=') {
                eq = true;
            }
        }
        return -1;
    }

    /**
     * Each identifier with a tab and its metadata ({@code key=v1/v2,key=v}, keys in code-point
     * order, values canonical); a line without metadata has no tab. Streams through the cursor.
     */
    static void writeWithMetadata(Qube qube, Writer w) throws IOException {
        StringBuilder line = new StringBuilder(256);
        IOException[] failed = {null};
        qube.forEachIdentifier(c -> {
            if (failed[0] != null) {
                return;
            }
            line.setLength(0);
            for (int i = 0; i < c.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(dev.qube.internal.Text.escape(c.key(i))).append('=').append(dev.qube.internal.Text.escape(c.value(i)));
            }
            if (leadNeedsEscape(line)) {
                line.insert(0, '\\');
            }
            boolean first = true;
            java.util.List<String> keys = c.metadataKeys();
            for (int k = 0; k < keys.size(); k++) {
                java.util.List<String> set = c.metadata(k);
                if (set.isEmpty()) {
                    continue;
                }
                line.append(first ? '\t' : ',');
                first = false;
                line.append(dev.qube.internal.Text.escape(keys.get(k))).append('=');
                for (int j = 0; j < set.size(); j++) {
                    if (j > 0) {
                        line.append('/');
                    }
                    line.append(dev.qube.internal.Text.escape(set.get(j)));
                }
            }
            line.append('\n');
            try {
                w.append(line);
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /**
     * Parses plain lines ({@code k=v,k=v}, printable ASCII, no escapes) as bytes into interned
     * pairs, reusing the pairs of the prefix a line shares with the line before; anything else is
     * left to the slow path, which defines the format.
     */
    static final class Parser {
        static final int ADDED = 0;
        static final int SAME = 1;
        static final int SLOW = 2;

        /** Keys checked for duplicates by a scan; more go into {@link #seen}. */
        private static final int SCAN = 16;

        String[] keys = new String[32];
        String[] values = new String[32];
        private java.util.Set<String> seen;
        int n;
        int shared;
        /** Per pair: offset from line start just after its value (at the ',' or the end). */
        private int[] pairEnd = new int[32];
        private byte[] prev = new byte[256];
        private int prevLen = -1;

        void forget() {
            prevLen = -1;
            n = 0;
            shared = 0;
        }

        int parse(Lines l) {
            byte[] buf = l.buf;
            int base = l.start;
            int end = l.end;
            int len = end - base;
            int m = prevLen < 0 ? 0 : Arrays.mismatch(buf, base, end, prev, 0, prevLen);
            if (m < 0) {
                return SAME;
            }
            int k = n;
            while (k > 0 && pairEnd[k - 1] >= m) {
                k--; // a pair is reused only if its terminating ',' is shared too
            }
            prevLen = -1; // until this line is known to be plain and valid
            seen = null;
            n = k;
            shared = k;
            int pos = base + (k == 0 ? 0 : pairEnd[k - 1] + 1);
            if (k == 0) {
                for (int i = base; i < end; i++) { // comments, blanks and odd bytes: the slow path
                    byte c = buf[i];
                    if (c != ' ') {
                        if (c == '#') {
                            return fail();
                        }
                        break;
                    }
                }
            }
            while (true) {
                int itemStart = pos;
                int eq = -1;
                while (pos < end && buf[pos] != ',') {
                    byte c = buf[pos];
                    if (c < 0x20 || c > 0x7e || c == '\\') {
                        return fail();
                    }
                    if (c == '=' && eq < 0) {
                        eq = pos;
                    } else if (c == '=' || c == '/') {
                        return fail(); // unescaped in a text: the slow path says where
                    }
                    pos++;
                }
                if (eq < 0) {
                    return fail();
                }
                String key = l.text(itemStart, eq);
                String value = l.text(eq + 1, pos);
                if (key == null || value == null || buf[eq - 1] == ' ' || buf[eq + 1] == ' ') {
                    return fail(); // empty, or white space around '=' (part of the text): slow path
                }
                if (n < SCAN) {
                    for (int j = 0; j < n; j++) {
                        if (keys[j] == key) {
                            return fail();
                        }
                    }
                } else {
                    if (seen == null) { // a wide line: a set, so that N keys cost O(N), not O(N^2)
                        seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                        seen.addAll(Arrays.asList(keys).subList(0, n));
                    }
                    if (!seen.add(key)) {
                        return fail();
                    }
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    values = Arrays.copyOf(values, n * 2);
                    pairEnd = Arrays.copyOf(pairEnd, n * 2);
                }
                keys[n] = key;
                values[n] = value;
                pairEnd[n] = pos - base;
                n++;
                if (pos == end) {
                    break;
                }
                pos++;
            }
            if (prev.length < len) {
                prev = new byte[Math.max(len, prev.length * 2)];
            }
            System.arraycopy(buf, base, prev, 0, len);
            prevLen = len;
            return ADDED;
        }

        private int fail() {
            n = 0;
            shared = 0;
            return SLOW;
        }
    }

    /**
     * Whether the first character of a line must be escaped for the line to read back as written:
     * a leading {@code #} would make it a comment, a leading U+FEFF a byte-order mark, and a line
     * that opens like another format ({@code {}, {@code [}, {@code Listing for request},
     * {@code PRE-MAIN-}) would be detected as that format. {@code \} before any of these first
     * characters reads as the character itself.
     */
    static boolean leadNeedsEscape(CharSequence line) {
        char first = line.charAt(0);
        return first == '#' || first == '\uFEFF' || first == '{' || first == '['
                || startsWith(line, "Listing for request") || startsWith(line, "PRE-MAIN-");
    }

    private static boolean startsWith(CharSequence line, String prefix) {
        return line.length() >= prefix.length() && prefix.contentEquals(line.subSequence(0, prefix.length()));
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (!qube.hasMetadata()) {
            for (Iterator<Identifier> it = qube.identifiers().iterator(); it.hasNext(); ) {
                String line = it.next().toString();
                if (leadNeedsEscape(line)) {
                    w.write('\\');
                }
                w.write(line);
                w.write('\n');
            }
        } else {
            writeWithMetadata(qube, w);
        }
        w.flush();
    }
}
