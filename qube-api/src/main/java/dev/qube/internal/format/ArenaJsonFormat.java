package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Qube;
import dev.qube.QubeFormatException;
import dev.qube.ReadOptions;
import dev.qube.TreeBuilder;
import dev.qube.internal.Access;
import dev.qube.internal.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * qubed's flat arena JSON: {@code {"version": "1", "qube": [record, ...]}} where each record is
 * {@code {"dim": key, "coords": {...} or null, "parent": index or null, "children": [indices],
 * "metadata": {...}}}. {@code coords} is qubed's typed object, any of {@code ints}, {@code floats},
 * {@code strings}, {@code datetimes} arrays and the {@code ints_text} string (see
 * {@link Json#coordinates}), united; {@code null} (qubed's root) is no values. A value's identity
 * is its text as written. {@code metadata} is read and written in qubed's shapes by
 * {@link QubedMetadata} (the writer puts it after {@code children}, only on records that have
 * some); any other member the reader does not know is an error, never skipped.
 *
 * <p>Records may come in any order. The reader checks that exactly one record (the root) has a
 * null parent, that every index is in range, that each record is listed exactly once among its
 * parent's children and that every record is reachable from the root; errors name the record's
 * line and column. A record without children ends identifiers. The writer emits records
 * breadth-first (parents before children, as qubed does), the root's coords as null, and
 * {@code ints} for canonical 32-bit integers, {@code floats} for decimals as qubed prints them and
 * {@code strings} for the others; an identifier ending at an inner node becomes an extra childless
 * sibling record, as in tree JSON.
 */
final class ArenaJsonFormat implements FormatReader, FormatWriter {

    private static final class Records {
        final List<String> dims = new ArrayList<>();
        final List<List<String>> coords = new ArrayList<>();
        final List<Integer> parents = new ArrayList<>(); // -1 for null
        final List<int[]> children = new ArrayList<>();
        final List<JsonLocation> at = new ArrayList<>();
        final List<java.util.Map<String, QubedMetadata.Entry>> meta = new ArrayList<>();
        boolean any;
    }

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        Records r = new Records();
        JsonParser p = null;
        try {
            p = Json.parser(in);
            envelope(p, source, r);
            if (p.nextToken() != null) {
                throw Json.error(p, source, "unexpected content (" + Json.describe(p.currentToken()) + ") after the end of the document");
            }
        } catch (JsonProcessingException e) {
            throw Json.syntax(e, p, source);
        } catch (java.io.CharConversionException e) {
            throw Json.encoding(e, source);
        } finally {
            if (p != null) {
                p.close();
            }
        }
        Qube q = build(r, source, options);
        if (!r.any) {
            return q;
        }
        try {
            int root = r.parents.indexOf(-1);
            dev.qube.internal.Meta meta = QubedMetadata.resolve(new QubedMetadata.Nodes(r.dims, r.coords, r.parents, r.children, r.meta, root), q, source);
            return Access.withMeta(q, meta);
        } catch (RuntimeException | Error e) {
            q.close();
            throw e;
        }
    }

    private static void envelope(JsonParser p, String source, Records r) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw Json.error(p, source, "expected {\"version\": \"1\", \"qube\": [...]}, found " + Json.describe(p.currentToken()));
        }
        JsonLocation start = p.currentTokenLocation();
        boolean version = false;
        boolean qube = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "version" -> {
                    if (version) {
                        throw Json.error(p, source, "\"version\" appears twice in the envelope");
                    }
                    if (!((v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) && p.getText().equals("1"))) {
                        throw Json.error(p, source, "unsupported arena JSON version " + p.getText() + " (this reader knows version \"1\")");
                    }
                    version = true;
                }
                case "qube" -> {
                    if (qube) {
                        throw Json.error(p, source, "\"qube\" appears twice in the envelope");
                    }
                    if (v != JsonToken.START_ARRAY) {
                        throw Json.error(p, source, "expected \"qube\" to be an array of node records, found " + Json.describe(v));
                    }
                    for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
                        record(p, source, r);
                    }
                    qube = true;
                }
                default -> throw Json.error(p, source, "unknown member '" + abbreviate(field)
                        + "' in the arena JSON envelope (expected \"version\" and \"qube\")");
            }
        }
        if (!qube) {
            throw Json.error(start, source, "arena JSON envelope without \"qube\": there are no node records to read");
        }
        if (!version) {
            throw Json.error(start, source, "arena JSON envelope without \"version\"");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static void record(JsonParser p, String source, Records r) throws IOException {
        int index = r.dims.size();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Json.error(p, source, "record " + index + ": expected a node record object, found " + Json.describe(p.currentToken()));
        }
        JsonLocation start = p.currentTokenLocation();
        String dim = null;
        List<String> coords = null;
        Integer parent = null;
        boolean parentSeen = false;
        int[] children = null;
        java.util.Map<String, QubedMetadata.Entry> meta = null;
        boolean metaSeen = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "dim" -> {
                    if (dim != null) {
                        throw Json.error(p, source, "record " + index + ": \"dim\" appears twice");
                    }
                    if (v != JsonToken.VALUE_STRING) {
                        throw Json.error(p, source, "record " + index + ": expected \"dim\" to be a string, found " + Json.describe(v));
                    }
                    dim = p.getText();
                }
                case "coords" -> {
                    if (coords != null) {
                        throw Json.error(p, source, "record " + index + ": \"coords\" appears twice");
                    }
                    coords = coords(p, source, index);
                }
                case "metadata" -> {
                    if (metaSeen) {
                        throw Json.error(p, source, "record " + index + ": \"metadata\" appears twice");
                    }
                    metaSeen = true;
                    meta = QubedMetadata.read(p, source);
                }
                case "parent" -> {
                    if (parentSeen) {
                        throw Json.error(p, source, "record " + index + ": \"parent\" appears twice");
                    }
                    parentSeen = true;
                    if (v == JsonToken.VALUE_NULL) {
                        parent = -1;
                    } else {
                        parent = index(p, source, index, "parent");
                    }
                }
                case "children" -> {
                    if (children != null) {
                        throw Json.error(p, source, "record " + index + ": \"children\" appears twice");
                    }
                    if (v != JsonToken.START_ARRAY) {
                        throw Json.error(p, source, "record " + index + ": expected \"children\" to be an array of record indices, found "
                                + Json.describe(v));
                    }
                    int[] c = new int[4];
                    int n = 0;
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        if (n == c.length) {
                            c = Arrays.copyOf(c, n * 2);
                        }
                        c[n++] = index(p, source, index, "child");
                    }
                    children = Arrays.copyOf(c, n);
                }
                default -> throw Json.error(p, source, "record " + index + ": unknown member '" + abbreviate(field)
                        + "' (expected \"dim\", \"coords\", \"parent\", \"children\" and \"metadata\")");
            }
        }
        if (dim == null || coords == null || !parentSeen || children == null) {
            throw Json.error(start, source, "record " + index + ": needs \"dim\", \"coords\", \"parent\" and \"children\"");
        }
        r.dims.add(dim);
        r.coords.add(coords);
        r.parents.add(parent);
        r.children.add(children);
        r.at.add(start);
        r.meta.add(meta);
        r.any |= meta != null;
    }

    private static int index(JsonParser p, String source, int record, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
            throw Json.error(p, source, "record " + record + ": expected a " + what + " record index (a non-negative integer), found "
                    + (p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getText() : Json.describe(p.currentToken())));
        }
        return p.getIntValue();
    }

    /** A record's coordinates: qubed's typed object ({@link Json#coordinates}), null (the root's), or a plain array. */
    private static List<String> coords(JsonParser p, String source, int record) throws IOException {
        JsonToken t = p.currentToken();
        List<String> out = new ArrayList<>();
        if (t == JsonToken.VALUE_NULL) {
            return out;
        }
        if (t == JsonToken.START_ARRAY) {
            Json.scalars(p, source, out);
            return out;
        }
        if (t != JsonToken.START_OBJECT) {
            throw Json.error(p, source, "record " + record + ": expected \"coords\" to be an object such as {\"strings\": [...]}, found "
                    + Json.describe(t));
        }
        Json.coordinates(p, source, out, "record " + record + ": ");
        return out;
    }

    private static Qube build(Records r, String source, ReadOptions options) {
        int n = r.dims.size();
        int root = -1;
        int[] listed = new int[n];
        for (int i = 0; i < n; i++) {
            int parent = r.parents.get(i);
            if (parent < 0) {
                if (root >= 0) {
                    throw at(r, i, source, "record " + i + " has a null parent, but record " + root + " is already the root");
                }
                root = i;
            } else if (parent >= n) {
                throw at(r, i, source, "record " + i + ": parent " + parent + " is out of range (there are " + n + " records)");
            }
            for (int c : r.children.get(i)) {
                if (c >= n) {
                    throw at(r, i, source, "record " + i + ": child " + c + " is out of range (there are " + n + " records)");
                }
                if (r.parents.get(c) != i) {
                    throw at(r, i, source, "record " + i + " lists child " + c + ", whose parent is "
                            + (r.parents.get(c) < 0 ? "null" : r.parents.get(c)));
                }
                if (++listed[c] > 1) {
                    throw at(r, i, source, "record " + i + " lists child " + c + " twice");
                }
            }
        }
        if (root < 0) {
            throw new QubeFormatException(source, 1, 1, n == 0 ? "no records: expected at least the root record"
                    : "no root record (every record has a parent)");
        }
        for (int i = 0; i < n; i++) {
            if (i != root && listed[i] == 0) {
                throw at(r, i, source, "record " + i + " is not among the children of its parent " + r.parents.get(i));
            }
        }
        // each record has one parent that lists it once: the records reachable from the root form a tree
        boolean[] seen = new boolean[n];
        TreeBuilder tb = Qube.treeBuilder(options.arena());
        try {
            int[] stack = new int[16];
            int[] next = new int[16];
            int depth = 0;
            stack[0] = root;
            seen[root] = true;
            while (depth >= 0) {
                int rec = stack[depth];
                int[] kids = r.children.get(rec);
                if (next[depth] < kids.length) {
                    int c = kids[next[depth]++];
                    seen[c] = true;
                    try {
                        tb.begin(r.dims.get(c), r.coords.get(c));
                    } catch (IllegalArgumentException e) {
                        throw at(r, c, source, "record " + c + ": " + e.getMessage());
                    }
                    if (++depth == stack.length) {
                        stack = Arrays.copyOf(stack, depth * 2);
                        next = Arrays.copyOf(next, depth * 2);
                    }
                    stack[depth] = c;
                    next[depth] = 0;
                } else {
                    if (depth > 0) {
                        tb.end();
                    }
                    depth--;
                }
            }
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    throw at(r, i, source, "record " + i + " is not reachable from the root record " + root + " (a cycle of parents)");
                }
            }
            return tb.build();
        } catch (RuntimeException | Error e) {
            tb.abandon();
            throw e;
        }
    }

    private static QubeFormatException at(Records r, int record, String source, String reason) {
        return Json.error(r.at.get(record), source, reason);
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Store s = Access.store(qube);
        int rootRef = Access.root(qube);
        s.checkOpen();
        if (qube.hasMetadata()) {
            writeWithMetadata(qube, s, rootRef, out);
            return;
        }
        // breadth-first over the tree; an entry is a node reference, negated for the extra leaf
        // record of an identifier that ends at an inner node
        long[] queue = new long[64];
        int head = 0;
        int tail = 0;
        queue[tail++] = pack(rootRef, false, -1);
        int nextIndex = 1;
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "1");
            g.writeArrayFieldStart("qube");
            for (int index = 0; head < tail; index++) {
                long e = queue[head++];
                int ref = (int) e;
                boolean leafCopy = (e >>> 63) != 0;
                int parent = (int) ((e >>> 32) & 0x7fff_ffff) - 1;
                boolean isRoot = index == 0;
                int kids = leafCopy ? 0 : s.childCount(ref);
                int records = 0;
                for (int i = 0; i < kids; i++) {
                    int c = s.child(ref, i);
                    records += s.terminal(c) && s.childCount(c) > 0 ? 2 : 1;
                }
                g.writeStartObject();
                g.writeStringField("dim", isRoot ? "root" : s.keyTextOf(ref));
                g.writeFieldName("coords");
                if (isRoot) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    coords(s.values(s.valueSet(ref)), g);
                    g.writeEndObject();
                }
                g.writeFieldName("parent");
                if (isRoot) {
                    g.writeNull();
                } else {
                    g.writeNumber(parent);
                }
                g.writeArrayFieldStart("children");
                for (int i = 0; i < records; i++) {
                    g.writeNumber(nextIndex + i);
                }
                g.writeEndArray();
                g.writeEndObject();
                if (tail + records > queue.length) {
                    int live = tail - head;
                    long[] to = live + records > queue.length / 2 ? new long[Math.max(queue.length * 2, 2 * (live + records))] : queue;
                    System.arraycopy(queue, head, to, 0, live);
                    queue = to;
                    head = 0;
                    tail = live;
                }
                for (int i = 0; i < kids; i++) {
                    int c = s.child(ref, i);
                    if (s.terminal(c) && s.childCount(c) > 0) {
                        queue[tail++] = pack(c, true, index);
                    }
                    queue[tail++] = pack(c, false, index);
                }
                nextIndex += records;
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * The records of a qube with metadata: breadth-first as {@link #write} writes them, the JSON nodes
     * as {@link QubedMetadata.Layout} places them (a node may be written once per value), each
     * record's {@code metadata} after its children when it has any, as qubed writes it.
     */
    private static void writeWithMetadata(Qube qube, Store s, int rootRef, OutputStream out) throws IOException {
        QubedMetadata.Layout layout = new QubedMetadata.Layout(qube, true);
        java.util.ArrayDeque<QubedMetadata.Occ> queue = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> parents = new java.util.ArrayDeque<>();
        queue.add(layout.root(rootRef));
        parents.add(-1);
        int nextIndex = 1;
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "1");
            g.writeArrayFieldStart("qube");
            for (int index = 0; !queue.isEmpty(); index++) {
                QubedMetadata.Occ o = queue.poll();
                int parent = parents.poll();
                boolean isRoot = index == 0;
                List<QubedMetadata.Occ> kids = o.leafOnly ? List.of() : layout.children(o);
                g.writeStartObject();
                g.writeStringField("dim", isRoot ? "root" : s.keyTextOf(o.ref));
                g.writeFieldName("coords");
                if (isRoot) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    coords(o.values, g);
                    g.writeEndObject();
                }
                g.writeFieldName("parent");
                if (isRoot) {
                    g.writeNull();
                } else {
                    g.writeNumber(parent);
                }
                g.writeArrayFieldStart("children");
                for (int i = 0; i < kids.size(); i++) {
                    g.writeNumber(nextIndex + i);
                }
                g.writeEndArray();
                if (!o.keys.isEmpty()) {
                    g.writeObjectFieldStart("metadata");
                    QubedMetadata.write(o, g);
                    g.writeEndObject();
                }
                g.writeEndObject();
                for (QubedMetadata.Occ k : kids) {
                    queue.add(k);
                    parents.add(index);
                }
                nextIndex += kids.size();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static long pack(int ref, boolean leafCopy, int parent) {
        return (leafCopy ? 1L << 63 : 0) | ((long) (parent + 1) << 32) | Integer.toUnsignedLong(ref);
    }

    /** qubed's typed coordinates: {@code ints}, {@code floats} and {@code strings} arrays, each when not empty. */
    private static void coords(List<String> values, JsonGenerator g) throws IOException {
        List<String> ints = new ArrayList<>();
        List<String> floats = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (String v : values) {
            (Json.isInt32(v) ? ints : Json.isQubedFloat(v) ? floats : strings).add(v);
        }
        if (!ints.isEmpty()) {
            g.writeArrayFieldStart("ints");
            for (String v : ints) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        if (!floats.isEmpty()) {
            g.writeArrayFieldStart("floats");
            for (String v : floats) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        if (!strings.isEmpty()) {
            g.writeArrayFieldStart("strings");
            for (String v : strings) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }
}
