package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Qube;
import dev.qube.ReadOptions;
import dev.qube.TreeBuilder;
import dev.qube.internal.Access;
import dev.qube.internal.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * qubed's tree JSON, in both shapes it has had. Today's qubed wraps the tree in a versioned
 * envelope and types the values: {@code {"version": "1", "tree": node}} where a node is
 * {@code {"key": k, "values": {"type": "enum", "dtype": "int64"|"float64"|"str"|"datetime"|"mixed",
 * "values": [...]}, "metadata": {...}, "children": [node, ...]}}; the older shape is the root node
 * alone, with plain value arrays {@code "values": [...]}. The reader tells them apart by the first
 * member of the top object and reads both; the top node is the root (its key and values are
 * ignored). Values may be strings or numbers and keep their text exactly, whatever {@code dtype}
 * says; a {@code mixed} set is one object of typed arrays ({@code {"ints": [...], "strings":
 * [...]}}).
 *
 * <p>Nothing is skipped that could hold part of the tree: a member the reader does not know, an
 * envelope without {@code "tree"}, a root without {@code "children"}, a member of the wrong JSON
 * type, a version other than {@code "1"} or a values type other than {@code "enum"} is a
 * {@link dev.qube.QubeFormatException} at its position. Only {@code dtype} is passed over (values
 * keep their text). {@code metadata} is read and written in qubed's shapes by {@link QubedMetadata};
 * to resolve it (qubed writes it after a node's children), the reader records each node's key,
 * values and metadata until the end of the read.
 *
 * <p>The reader streams: each node goes to a {@link TreeBuilder} as soon as its key and values are
 * known, so only the open path is held in memory when {@code key} and {@code values} come before
 * {@code children}. A node whose {@code children} come first (qubed writes members in alphabetical
 * order) is still read: its subtree is buffered until its key and values are known. A node without
 * children ends identifiers.
 *
 * <p>The writer writes the canonical tree in the envelope ({@code tree-json}) or in the older shape
 * ({@code tree-json-plain}); an identifier that ends at an inner node is written as an extra
 * childless sibling with the same key and values, which readers (qubed's too) unite back. Typed
 * values follow what qubed reads back without loss: {@code int64} numbers when every value is a
 * canonical 32-bit integer, {@code float64} numbers when every value is a decimal as qubed prints
 * it, otherwise {@code str} strings (qubed cannot read its own {@code mixed} form back).
 */
final class TreeJsonFormat implements FormatReader, FormatWriter {

    private final boolean envelope;

    /** @param envelope whether the writer wraps the tree in today's versioned envelope with typed values */
    TreeJsonFormat(boolean envelope) {
        this.envelope = envelope;
    }

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        TreeBuilder tb = Qube.treeBuilder(options.arena());
        Recorded nodes = new Recorded();
        Qube q = Json.read(in, source, tb, (p, b) -> new Reading(p, source, nodes).document(new Direct(b)));
        if (!nodes.any) {
            return q;
        }
        try {
            dev.qube.internal.Meta meta = QubedMetadata.resolve(nodes.nodes(), q, source);
            return Access.withMeta(q, meta);
        } catch (RuntimeException | Error e) {
            q.close();
            throw e;
        }
    }

    /** The JSON nodes as read, by index in document order (the root is 0), for resolving their metadata. */
    private static final class Recorded {
        final List<String> keys = new ArrayList<>();
        final List<List<String>> values = new ArrayList<>();
        final List<Integer> parents = new ArrayList<>();
        final List<int[]> children = new ArrayList<>();
        final List<java.util.Map<String, QubedMetadata.Entry>> meta = new ArrayList<>();
        boolean any;

        int add(int parent) {
            keys.add(null);
            values.add(List.of());
            parents.add(parent);
            children.add(NO_CHILDREN);
            meta.add(null);
            return keys.size() - 1;
        }

        QubedMetadata.Nodes nodes() {
            return new QubedMetadata.Nodes(keys, values, parents, children, meta, 0);
        }
    }

    private static final int[] NO_CHILDREN = new int[0];

    /** One read: the parser, the source for errors and the nodes recorded. */
    private record Reading(JsonParser p, String source, Recorded nodes) {

        void document(Sink tb) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw Json.error(p, source, "expected the root node object {\"key\": \"root\", \"children\": [...]}"
                        + " or the envelope {\"version\": \"1\", \"tree\": {...}}, found " + Json.describe(p.currentToken()));
            }
            JsonLocation start = p.currentTokenLocation();
            JsonToken first = p.nextToken();
            if (first == JsonToken.END_OBJECT) {
                throw Json.error(start, source, "empty object: expected the root node {\"key\": \"root\", \"children\": [...]}"
                        + " or the envelope {\"version\": \"1\", \"tree\": {...}}");
            }
            String name = p.currentName();
            if (name.equals("version") || name.equals("tree")) {
                envelope(tb, start);
            } else {
                node(tb, true, start, -1);
            }
        }

        /** The members of {@code {"version": "1", "tree": {...}}}; the parser is at the first member's name. */
        private void envelope(Sink tb, JsonLocation start) throws IOException {
            boolean version = false;
            boolean tree = false;
            for (JsonToken t = p.currentToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "version" -> {
                        if (version) {
                            throw Json.error(p, source, "\"version\" appears twice in the envelope");
                        }
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT) {
                            throw Json.error(p, source, "expected the version as a string such as \"1\", found " + Json.describe(v));
                        }
                        if (!p.getText().equals("1")) {
                            throw Json.error(p, source, "unsupported tree JSON version " + abbreviate(p.getText())
                                    + " (this reader knows version \"1\")");
                        }
                        version = true;
                    }
                    case "tree" -> {
                        if (tree) {
                            throw Json.error(p, source, "\"tree\" appears twice in the envelope");
                        }
                        if (v != JsonToken.START_OBJECT) {
                            throw Json.error(p, source, "expected \"tree\" to be the root node object, found " + Json.describe(v));
                        }
                        JsonLocation at = p.currentTokenLocation();
                        if (p.nextToken() == JsonToken.END_OBJECT) {
                            throw Json.error(at, source, "empty root node: expected {\"key\": \"root\", \"children\": [...]}");
                        }
                        node(tb, true, at, -1);
                        tree = true;
                    }
                    default -> throw Json.error(p, source, "unknown member '" + abbreviate(field)
                            + "' in the tree JSON envelope (expected \"version\" and \"tree\")");
                }
            }
            if (!tree) {
                throw Json.error(start, source, "tree JSON envelope without \"tree\": there is no tree to read");
            }
            if (!version) {
                throw Json.error(start, source, "tree JSON envelope without \"version\"");
            }
        }

        /**
         * Reads one node object; the parser is at its first member's name (or at the END_OBJECT of an
         * empty object) and is left at its END_OBJECT. {@code start} is where the object begins,
         * {@code parent} the index of the enclosing node (-1 for the root). Returns the node's index.
         */
        private int node(Sink tb, boolean root, JsonLocation start, int parent) throws IOException {
            int me = nodes.add(parent);
            int[] kids = NO_CHILDREN;
            int kidCount = 0;
            String key = null;
            List<String> values = null;
            boolean begun = false;
            boolean children = false;
            Recorder early = null; // children read before the node's key and values
            for (JsonToken t = p.currentToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "key" -> {
                        if (key != null) {
                            throw Json.error(p, source, "\"key\" appears twice in one node");
                        }
                        if (v != JsonToken.VALUE_STRING) {
                            throw Json.error(p, source, "expected the node's key as a string, found " + Json.describe(v));
                        }
                        key = p.getText();
                        nodes.keys.set(me, key);
                    }
                    case "values" -> {
                        if (values != null) {
                            throw Json.error(p, source, "\"values\" appears twice in one node");
                        }
                        values = values();
                        nodes.values.set(me, values);
                        if (!root && values.isEmpty()) {
                            throw Json.error(p, source, "node " + (key == null ? "" : "'" + abbreviate(key) + "' ")
                                    + "with no values (\"values\": []): the identifiers below it would be lost");
                        }
                    }
                    case "metadata" -> {
                        if (nodes.meta.get(me) != null) {
                            throw Json.error(p, source, "\"metadata\" appears twice in one node");
                        }
                        java.util.Map<String, QubedMetadata.Entry> m = QubedMetadata.read(p, source);
                        if (m != null) {
                            nodes.meta.set(me, m);
                            nodes.any = true;
                        }
                    }
                    case "children" -> {
                        if (children) {
                            throw Json.error(p, source, "\"children\" appears twice in one node");
                        }
                        children = true;
                        if (v != JsonToken.START_ARRAY) {
                            throw Json.error(p, source, "expected an array of child nodes, found " + Json.describe(v));
                        }
                        Sink into = tb;
                        if (!root && !begun) {
                            if (key == null || values == null) {
                                into = early = new Recorder();
                            } else {
                                begin(p, source, tb, key, values);
                                begun = true;
                            }
                        }
                        for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
                            if (c != JsonToken.START_OBJECT) {
                                throw Json.error(p, source, "expected a child node object, found " + Json.describe(c));
                            }
                            JsonLocation at = p.currentTokenLocation();
                            p.nextToken();
                            int kid = node(into, false, at, me);
                            if (kidCount == kids.length) {
                                kids = java.util.Arrays.copyOf(kids, Math.max(4, kidCount * 2));
                            }
                            kids[kidCount++] = kid;
                        }
                        nodes.children.set(me, java.util.Arrays.copyOf(kids, kidCount));
                    }
                    default -> throw Json.error(p, source, "unknown member '" + abbreviate(field)
                            + "' in a tree node (expected \"key\", \"values\", \"metadata\" and \"children\")");
                }
            }
            if (root) {
                if (!children) {
                    throw Json.error(start, source, "the root node has no \"children\" array: there is no tree to read");
                }
                return me;
            }
            if (!begun) {
                if (key == null) {
                    throw Json.error(start, source, "node without a \"key\"");
                }
                if (values == null) {
                    throw Json.error(start, source, "node '" + abbreviate(key) + "' without \"values\"");
                }
                begin(p, source, tb, key, values);
            }
            if (early != null) {
                early.replay(p, source, tb);
            }
            tb.end();
            return me;
        }

        /** A node's values: a plain array, or the typed object {@code {"type": "enum", "dtype": ..., "values": [...]}}. */
        private List<String> values() throws IOException {
            List<String> out = new ArrayList<>();
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_ARRAY) {
                Json.scalars(p, source, out);
                return out;
            }
            if (t != JsonToken.START_OBJECT) {
                throw Json.error(p, source, "expected an array of values or {\"type\": \"enum\", \"values\": [...]}, found "
                        + Json.describe(t));
            }
            JsonLocation start = p.currentTokenLocation();
            boolean found = false;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "type" -> {
                        if (v != JsonToken.VALUE_STRING || !p.getText().equals("enum")) {
                            throw Json.error(p, source, "values of type " + (v == JsonToken.VALUE_STRING ? "'" + abbreviate(p.getText()) + "'"
                                    : Json.describe(v)) + " are not supported (this reader knows \"enum\")");
                        }
                    }
                    case "dtype" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            throw Json.error(p, source, "expected \"dtype\" to be a string, found " + Json.describe(v));
                        }
                    }
                    case "values" -> {
                        if (found) {
                            throw Json.error(p, source, "\"values\" appears twice in one values object");
                        }
                        found = true;
                        if (v != JsonToken.START_ARRAY) {
                            throw Json.error(p, source, "expected an array of values, found " + Json.describe(v));
                        }
                        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                            if (e == JsonToken.START_OBJECT) {
                                Json.coordinates(p, source, out, ""); // dtype "mixed": {"ints": [...], "strings": [...]}
                            } else {
                                out.add(Json.scalar(p, source, "value"));
                            }
                        }
                    }
                    default -> throw Json.error(p, source, "unknown member '" + abbreviate(field)
                            + "' in a values object (expected \"type\", \"dtype\" and \"values\")");
                }
            }
            if (!found) {
                throw Json.error(start, source, "expected \"values\" inside the typed values object");
            }
            return out;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static void begin(JsonParser p, String source, Sink tb, String key, List<String> values) {
        try {
            tb.begin(key, values);
        } catch (IllegalArgumentException e) {
            throw Json.error(p, source, e.getMessage());
        }
    }

    /** Where nodes go: the tree builder, or a buffer while an enclosing node's key is unknown. */
    private interface Sink {
        void begin(String key, List<String> values);

        void end();
    }

    private record Direct(TreeBuilder tb) implements Sink {
        @Override
        public void begin(String key, List<String> values) {
            tb.begin(key, values);
        }

        @Override
        public void end() {
            tb.end();
        }
    }

    /** Buffers begin/end events (a null key is an end) to replay them once the parent has begun. */
    private static final class Recorder implements Sink {
        private final List<String> keys = new ArrayList<>();
        private final List<List<String>> values = new ArrayList<>();

        @Override
        public void begin(String key, List<String> v) {
            keys.add(key);
            values.add(v);
        }

        @Override
        public void end() {
            keys.add(null);
            values.add(null);
        }

        void replay(JsonParser p, String source, Sink into) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) == null) {
                    into.end();
                } else {
                    TreeJsonFormat.begin(p, source, into, keys.get(i), values.get(i));
                }
            }
        }
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Store s = Access.store(qube);
        int root = Access.root(qube);
        s.checkOpen();
        Json.checkDepth(qube, envelope ? "tree-json" : "tree-json-plain");
        try (JsonGenerator g = Json.generator(out)) {
            if (envelope) {
                g.writeStartObject();
                g.writeStringField("version", "1");
                g.writeFieldName("tree");
            }
            g.writeStartObject();
            g.writeStringField("key", "root");
            if (envelope) {
                typed(List.of(), g);
            } else {
                g.writeArrayFieldStart("values");
                g.writeString("root");
                g.writeEndArray();
            }
            g.writeObjectFieldStart("metadata");
            if (qube.hasMetadata()) {
                QubedMetadata.Layout layout = new QubedMetadata.Layout(qube, false);
                QubedMetadata.Occ top = layout.root(root);
                QubedMetadata.write(top, g);
                g.writeEndObject();
                children(s, layout, top, g);
            } else {
                g.writeEndObject();
                children(s, root, g);
            }
            g.writeEndObject();
            if (envelope) {
                g.writeEndObject();
            }
        }
    }

    private void children(Store s, int node, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("children");
        int n = s.childCount(node);
        for (int i = 0; i < n; i++) {
            int c = s.child(node, i);
            boolean inner = s.childCount(c) > 0;
            if (inner && s.terminal(c)) {
                head(s, c, g);
                g.writeArrayFieldStart("children");
                g.writeEndArray();
                g.writeEndObject();
            }
            head(s, c, g);
            children(s, c, g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The children of one JSON node of a qube with metadata, as {@link QubedMetadata.Layout} places them. */
    private void children(Store s, QubedMetadata.Layout layout, QubedMetadata.Occ parent, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("children");
        if (!parent.leafOnly) {
            for (QubedMetadata.Occ o : layout.children(parent)) {
                g.writeStartObject();
                g.writeStringField("key", s.keyTextOf(o.ref));
                writeValues(o.values, g);
                g.writeObjectFieldStart("metadata");
                QubedMetadata.write(o, g);
                g.writeEndObject();
                children(s, layout, o, g);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private void writeValues(List<String> values, JsonGenerator g) throws IOException {
        if (envelope) {
            typed(values, g);
        } else {
            g.writeArrayFieldStart("values");
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private void head(Store s, int node, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", s.keyTextOf(node));
        List<String> values = s.values(s.valueSet(node));
        if (envelope) {
            typed(values, g);
        } else {
            g.writeArrayFieldStart("values");
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
    }

    /** {@code "values": {"type": "enum", "dtype": ..., "values": [...]}} as qubed reads it back without loss. */
    private static void typed(List<String> values, JsonGenerator g) throws IOException {
        boolean ints = !values.isEmpty();
        boolean floats = !values.isEmpty();
        for (String v : values) {
            ints &= Json.isInt32(v);
            floats &= Json.isQubedFloat(v);
        }
        g.writeObjectFieldStart("values");
        g.writeStringField("type", "enum");
        g.writeStringField("dtype", ints ? "int64" : floats ? "float64" : "str");
        g.writeArrayFieldStart("values");
        for (String v : values) {
            if (ints || floats) {
                g.writeNumber(v);
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
