package dev.qube.internal.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts {@code k=v1/v2/...} groups, separated by commas, out of a line of a request-style listing
 * (FDB compact, MARS {@code list}). Values are raw texts ({@code /} separates them, nothing is
 * escaped); white space around keys and values is dropped. Errors name line and column.
 */
final class Groups {

    final List<String> keys = new ArrayList<>();
    final List<List<String>> values = new ArrayList<>();
    /** Byte offset of each group in the line, for messages. */
    final List<Integer> starts = new ArrayList<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    /** Parses {@code buf[from, l.end)} of the current line; at least one group. */
    void parse(Lines l, int from) {
        keys.clear();
        seen.clear();
        values.clear();
        starts.clear();
        byte[] buf = l.buf;
        int end = l.end;
        int pos = from;
        while (true) {
            int start = pos;
            while (pos < end && buf[pos] != ',' && buf[pos] != '=') {
                pos++;
            }
            if (pos == end || buf[pos] != '=') {
                throw l.text(start, pos) == null
                        ? l.error(start, "expected key=value, found nothing" + (pos < end ? " before ','" : ""))
                        : l.error(start, "expected key=value, found no '='");
            }
            String key = l.text(start, pos);
            if (key == null) {
                throw l.error(start, "empty key before '='");
            }
            if (!seen.add(key)) { // a set: a line of N keys costs O(N), not O(N^2)
                throw l.error(start, "key '" + key + "' appears twice on one line");
            }
            List<String> vs = new ArrayList<>();
            int v = ++pos;
            while (true) {
                if (pos == end || buf[pos] == '/' || buf[pos] == ',') {
                    String value = l.text(v, pos);
                    if (value == null) {
                        throw l.error(v, "empty value for key '" + key + "'");
                    }
                    vs.add(value);
                    if (pos == end || buf[pos] == ',') {
                        break;
                    }
                    v = ++pos;
                } else if (buf[pos] == '=') {
                    throw l.error(pos, "unexpected '=' in the values of '" + key + "' (missing ','?)");
                } else {
                    pos++;
                }
            }
            keys.add(key);
            values.add(vs);
            starts.add(start);
            if (pos == end) {
                return;
            }
            pos++; // ','
        }
    }

    int size() {
        return keys.size();
    }
}
