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
 * qubed's tree JSON: every node is {@code {"key": k, "values": [...], "metadata": {...},
 * "children": [...]}}; the top node is the root (its key and values are ignored). Values may be
 * strings or numbers; a number's identity is its text exactly as written. {@code values} may also
 * be qubed's typed form {@code {"type": "enum", "values": [...]}}. Unknown fields are skipped.
 *
 * <p>The reader streams: each node goes to a {@link TreeBuilder} as soon as its key and values are
 * known, so only the open path is held in memory when, as qubed writes it, {@code key} and
 * {@code values} come before {@code children}. A node whose {@code children} come first is still
 * read: its subtree is buffered until its key and values are known. A node without children ends
 * identifiers. The writer writes the canonical tree; an identifier that ends at an
 * inner node is written as an extra childless sibling with the same key and values, which readers
 * (qubed's too) union back.
 */
final class TreeJsonFormat implements FormatReader, FormatWriter {

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        TreeBuilder tb = Qube.treeBuilder(options.arena());
        return Json.read(in, source, tb, (p, b) -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw Json.error(p, source, "expected the root node object {\"key\": \"root\", \"children\": [...]}, found "
                        + Json.describe(p.currentToken()));
            }
            node(p, source, new Direct(b), true);
        });
    }

    /** Reads one node object; the parser is at its START_OBJECT and is left at its END_OBJECT. */
    private static void node(JsonParser p, String source, Sink tb, boolean root) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        String key = null;
        List<String> values = null;
        boolean begun = false;
        Recorder early = null; // children read before the node's key and values
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "key" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw Json.error(p, source, "expected the node's key as a string, found " + Json.describe(v));
                    }
                    key = p.getText();
                }
                case "values" -> {
                    values = values(p, source);
                    if (!root && values.isEmpty()) {
                        throw Json.error(p, source, "node " + (key == null ? "" : "'" + key + "' ")
                                + "with no values (\"values\": []): the identifiers below it would be lost");
                    }
                }
                case "children" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw Json.error(p, source, "expected an array of child nodes, found " + Json.describe(v));
                    }
                    Sink into = tb;
                    if (!root && !begun) {
                        if (key == null || values == null) {
                            into = early = early != null ? early : new Recorder();
                        } else {
                            begin(p, source, tb, key, values);
                            begun = true;
                        }
                    }
                    for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
                        if (c != JsonToken.START_OBJECT) {
                            throw Json.error(p, source, "expected a child node object, found " + Json.describe(c));
                        }
                        node(p, source, into, false);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (root) {
            return;
        }
        if (!begun) {
            if (key == null) {
                throw Json.error(start, source, "node without a \"key\"");
            }
            if (values == null) {
                throw Json.error(start, source, "node '" + key + "' without \"values\"");
            }
            begin(p, source, tb, key, values);
        }
        if (early != null) {
            early.replay(p, source, tb);
        }
        tb.end();
    }

    private static List<String> values(JsonParser p, String source) throws IOException {
        List<String> out = new ArrayList<>();
        if (p.currentToken() == JsonToken.START_OBJECT) {
            // qubed's typed form: {"type": "enum", "dtype": ..., "values": [...]}
            boolean found = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("values")) {
                    Json.scalars(p, source, out);
                    found = true;
                } else {
                    p.skipChildren();
                }
            }
            if (!found) {
                throw Json.error(p, source, "expected \"values\" inside the typed values object");
            }
            return out;
        }
        Json.scalars(p, source, out);
        return out;
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
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("key", "root");
            g.writeArrayFieldStart("values");
            g.writeString("root");
            g.writeEndArray();
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            children(s, root, g);
            g.writeEndObject();
        }
    }

    private static void children(Store s, int node, JsonGenerator g) throws IOException {
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

    private static void head(Store s, int node, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", s.keyTextOf(node));
        g.writeArrayFieldStart("values");
        for (String v : s.values(s.valueSet(node))) {
            g.writeString(v);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
    }
}
