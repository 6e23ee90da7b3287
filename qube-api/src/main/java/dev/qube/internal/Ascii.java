package dev.qube.internal;

import dev.qube.QubeFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ASCII tree form, compatible with ECMWF qubed's printout:
 * <pre>
 * root
 * ├── class=od, expver=0001/0002, param=1/2
 * └── class=rd
 *     ├── expver=0001, param=1/2/3
 *     └── expver=0002, param=1/2
 * </pre>
 * {@code a, b} on one line is a chain of single children; values are {@code /}-separated; special
 * characters are escaped ({@link Text}). An identifier that ends at an inner node is printed as a
 * leaf line of the same label just before that node's line, so the output stays a plain tree that
 * qubed can read and that parses back to the same qube. Lossless unless a width is asked for.
 */
public final class Ascii {
    private Ascii() {
    }

    /** Prints the whole tree; {@code maxDepth} < 0 for all of it; {@code width} < 0 for whole labels. */
    public static void print(Store s, int root, Appendable out, int maxDepth, int width) {
        print(s, root, out, maxDepth, width, false);
    }

    /**
     * Prints the whole tree; with {@code keyPerLine} every node has a line of its own and the first
     * line is {@code root} alone (qubed's own reader needs that), otherwise a chain of single
     * children is one line.
     */
    public static void print(Store s, int root, Appendable out, int maxDepth, int width, boolean keyPerLine) {
        try {
            StringBuilder line = new StringBuilder("root");
            int end = chain(s, root, line, width, keyPerLine);
            out.append(line).append('\n');
            children(s, end, "", out, 1, maxDepth, width, keyPerLine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int chain(Store s, int node, StringBuilder line, int width, boolean keyPerLine) {
        if (keyPerLine) {
            return node;
        }
        int cur = node;
        while (!(cur != node && s.terminal(cur)) && s.childCount(cur) == 1) {
            int c = s.child(cur, 0);
            if (s.terminal(c) && s.childCount(c) > 0) {
                break;
            }
            line.append(", ").append(label(s, c, width));
            cur = c;
        }
        return cur;
    }

    private static void children(Store s, int node, String prefix, Appendable out, int depth, int maxDepth, int width,
            boolean keyPerLine) throws IOException {
        if (maxDepth >= 0 && depth > maxDepth) {
            return;
        }
        List<int[]> entries = new ArrayList<>(); // {node, leafOnly}
        int n = s.childCount(node);
        for (int i = 0; i < n; i++) {
            int c = s.child(node, i);
            if (s.terminal(c) && s.childCount(c) > 0) {
                entries.add(new int[] {c, 1});
            }
            entries.add(new int[] {c, 0});
        }
        for (int i = 0; i < entries.size(); i++) {
            boolean last = i == entries.size() - 1;
            int c = entries.get(i)[0];
            StringBuilder line = new StringBuilder(prefix).append(last ? "└── " : "├── ").append(label(s, c, width));
            if (entries.get(i)[1] == 1) {
                out.append(line).append('\n');
                continue;
            }
            int end = chain(s, c, line, width, keyPerLine);
            out.append(line).append('\n');
            children(s, end, prefix + (last ? "    " : "│   "), out, depth + 1, maxDepth, width, keyPerLine);
        }
    }

    private static String label(Store s, int node, int width) {
        StringBuilder b = new StringBuilder(Text.escape(s.keyTextOf(node))).append('=');
        List<String> values = s.values(s.valueSet(node));
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(Text.escape(values.get(i)));
            if (width >= 0 && b.length() > width) {
                return b.substring(0, Math.max(0, width)) + "...";
            }
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern ROOT_NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_.\\-]+");

    /** Parses the ASCII form into {@code build}; errors name {@code source}, line and column. */
    public static void parse(Reader in, String source, TreeBuild build) {
        BufferedReader r = in instanceof BufferedReader br ? br : new BufferedReader(in);
        List<int[]> open = new ArrayList<>(); // {depth, items begun}
        long lineNo = 0;
        boolean first = true;
        try {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (first && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                int col = 0;
                if (!first) {
                    while (col < line.length() && "│├└─ \u00a0".indexOf(line.charAt(col)) >= 0) {
                        col++;
                    }
                    // "├── " puts the label at a multiple of 4 (box characters count one column each)
                    if (col % 4 != 0 || col == 0) {
                        throw new QubeFormatException(source, lineNo, col + 1,
                                "expected a tree branch ('├── ' or '└── ', indented by 4 per level) before the label");
                    }
                }
                int depth = first ? 0 : col / 4;
                int parentDepth = open.isEmpty() ? -1 : open.getLast()[0];
                if (depth > parentDepth + 1) {
                    throw new QubeFormatException(source, lineNo, col + 1,
                            "line is indented " + (depth - parentDepth - 1) + " level(s) deeper than its parent");
                }
                while (!open.isEmpty() && open.getLast()[0] >= depth) {
                    for (int k = open.removeLast()[1]; k > 0; k--) {
                        build.end();
                    }
                }
                String body = line.substring(col);
                List<Integer> starts = new ArrayList<>();
                List<String> items = Text.split(body, ',', starts);
                int begun = 0;
                for (int i = 0; i < items.size(); i++) {
                    String item = items.get(i);
                    int itemCol = col + starts.get(i) + 1;
                    if (first && i == 0) {
                        if (Text.indexOfUnescaped(item, '=') >= 0 || item.isEmpty()) {
                            throw new QubeFormatException(source, lineNo, itemCol,
                                    "the first line must start with the root's name (e.g. 'root')");
                        }
                        if (!ROOT_NAME.matcher(item).matches()) {
                            // a word: JSON, a listing or other text read as ASCII is an error, not an empty qube
                            throw new QubeFormatException(source, lineNo, itemCol, "the first line must start with the root's name"
                                    + " (a word such as 'root'), found '" + (item.length() > 40 ? item.substring(0, 40) + "..." : item) + "'");
                        }
                        continue;
                    }
                    int eq = Text.indexOfUnescaped(item, '=');
                    if (eq <= 0) {
                        throw new QubeFormatException(source, lineNo, itemCol,
                                item.isEmpty() ? "empty item (two commas?)" : eq == 0 ? "empty key before '='" : "expected key=value, found '" + item + "'");
                    }
                    String key = Text.unescape(item.substring(0, eq));
                    List<Integer> vstarts = new ArrayList<>();
                    List<String> raw = Text.split(item.substring(eq + 1), '/', vstarts);
                    List<String> values = new ArrayList<>(raw.size());
                    for (int v = 0; v < raw.size(); v++) {
                        if (raw.get(v).isEmpty()) {
                            throw new QubeFormatException(source, lineNo, itemCol + eq + 1 + vstarts.get(v), "empty value");
                        }
                        values.add(Text.unescape(raw.get(v)));
                    }
                    try {
                        Text.checkKey(key);
                        values.forEach(Text::checkValue);
                        build.begin(key, values);
                    } catch (IllegalArgumentException e) {
                        throw new QubeFormatException(source, lineNo, itemCol, e.getMessage());
                    }
                    begun++;
                }
                open.add(new int[] {depth, begun});
                first = false;
            }
        } catch (IOException e) {
            throw new QubeFormatException(source, lineNo + 1, 1, "cannot read: " + e.getMessage(), e);
        }
        if (first) {
            throw new QubeFormatException(source, Math.max(lineNo, 1), 1, "empty input: expected at least the root line");
        }
    }
}
