package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.ReadOptions;
import dev.qube.TreeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * MARS {@code list} output: an indented tree. Each line is a chain of comma-separated
 * {@code k=v1/v2/...} groups; a line's parent is the nearest line above it that is less indented
 * (so with one space per level, indentation is depth); a line's children hang below its last
 * group, and a line without children ends identifiers. Blank lines are ignored; lines that do not
 * start with {@code key=} are skipped and counted with one warning (an error in strict mode).
 * Malformed groups are errors with line and column. Read only.
 */
final class MarsFormat implements FormatReader {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        Lines lines = new Lines(in, source);
        TreeBuilder tb = Qube.treeBuilder(options.arena());
        Skipped skipped = new Skipped(source, options, "that is not key=value groups", "that are not key=value groups");
        Groups g = new Groups();
        int[] indents = new int[16]; // indentation of each open line
        int[] opened = new int[16];  // nodes each open line opened
        int open = 0;
        try {
            while (lines.next()) {
                if (lines.blank()) {
                    continue;
                }
                int first = lines.start;
                while (Lines.space(lines.buf[first])) {
                    first++;
                }
                if (!startsWithKey(lines, first)) {
                    skipped.line(lines, "expected key=value groups");
                    continue;
                }
                int indent = first - lines.start;
                while (open > 0 && indents[open - 1] >= indent) {
                    open--;
                    for (int i = 0; i < opened[open]; i++) {
                        tb.end();
                    }
                }
                lines.trimInterned();
                g.parse(lines, first);
                for (int i = 0; i < g.size(); i++) {
                    try {
                        tb.begin(g.keys.get(i), g.values.get(i));
                    } catch (IllegalArgumentException e) {
                        throw lines.error(g.starts.get(i), e.getMessage());
                    }
                }
                if (open == indents.length) {
                    indents = Arrays.copyOf(indents, open * 2);
                    opened = Arrays.copyOf(opened, open * 2);
                }
                indents[open] = indent;
                opened[open] = g.size();
                open++;
            }
            return skipped.checked(tb.build());
        } catch (RuntimeException | IOException e) {
            tb.abandon();
            throw e;
        }
    }

    /** Whether the line has {@code key=} at {@code pos}: key characters, then '='. */
    private static boolean startsWithKey(Lines l, int pos) {
        int p = pos;
        while (p < l.end) {
            byte c = l.buf[p];
            if (c == '=') {
                return p > pos;
            }
            if (c == ',' || c == '/' || c == '{' || c == '}' || Lines.space(c)) {
                return false;
            }
            p++;
        }
        return false;
    }
}
