package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.Qube;
import dev.qube.ReadOptions;
import dev.qube.TreeBuilder;
import dev.qube.internal.Access;
import dev.qube.internal.Store;
import dev.qube.internal.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * qubed's nested JSON: the root is an object whose members are its children; each member name is
 * one node, {@code key=v1/v2/...}, and its value is the object of that node's children ({@code {}}
 * for a leaf): {@code {"class=od": {"expver=0001/0002": {"param=1/2": {}}}}}. {@code \} escapes
 * {@code \ , / =} in keys and values as in the ASCII form ({@link Text}).
 *
 * <p>An identifier that ends at an inner node cannot be a second member with the same name (JSON
 * names in one object should be unique), so it is written as a member with the empty name mapped
 * to {@code {}} inside that node: {@code {"class=od": {"": {}, "param=1": {}}}} holds
 * {@code class=od} and {@code class=od,param=1}. No node can have an empty name, so this is
 * unambiguous; qubed itself cannot read it (it has no such identifiers). Repeated member names are
 * read as repeated siblings and united.
 */
final class NestedJsonFormat implements FormatReader, FormatWriter {

    /** Member name that marks "an identifier ends at this node". */
    static final String ENDS_HERE = "";

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        TreeBuilder tb = Qube.treeBuilder(options.arena());
        return Json.read(Json.UNCANONICAL, in, source, tb, (p, b) -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw Json.error(p, source, "expected an object of \"key=values\" members, found " + Json.describe(p.currentToken()));
            }
            members(p, source, b, 0);
        });
    }

    /** Reads the members of one object; the parser is at its START_OBJECT and is left at its END_OBJECT. */
    private static void members(JsonParser p, String source, TreeBuilder tb, int depth) throws IOException {
        boolean root = depth == 0;
        if (depth > Json.MAX_KEYS) {
            throw Json.error(p, source, "more than " + String.format(java.util.Locale.ROOT, "%,d", Json.MAX_KEYS)
                    + " keys on one path, the most this reader accepts");
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            if (name.equals(ENDS_HERE)) {
                if (root) {
                    throw Json.error(p, source, "the empty name marks an identifier ending at its node; the root cannot end one");
                }
                if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.END_OBJECT) {
                    throw Json.error(p, source, "the empty name (an identifier ends here) must map to {}");
                }
                tb.markEndsIdentifier();
                continue;
            }
            int eq = Text.indexOfUnescaped(name, '=');
            if (eq <= 0) {
                throw Json.error(p, source, eq == 0 ? "empty key in '" + name + "'"
                        : "expected a member named key=value1/value2/..., found '" + name + "'");
            }
            String key = Text.unescape(name.substring(0, eq));
            List<String> values = new ArrayList<>();
            for (String raw : Text.split(name.substring(eq + 1), '/', null)) {
                if (raw.isEmpty()) {
                    throw Json.error(p, source, "empty value in '" + name + "'");
                }
                values.add(Text.unescape(raw));
            }
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw Json.error(p, source, "expected the object of the children of '" + name + "' ({} for a leaf), found "
                        + Json.describe(p.currentToken()));
            }
            try {
                tb.begin(key, values);
            } catch (IllegalArgumentException e) {
                throw Json.error(p, source, e.getMessage());
            }
            members(p, source, tb, depth + 1);
            tb.end();
        }
    }

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Store s = Access.store(qube);
        int root = Access.root(qube);
        s.checkOpen();
        Json.checkDepth(qube, "nested-json");
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            children(s, root, g);
            g.writeEndObject();
        }
    }

    private static void children(Store s, int node, JsonGenerator g) throws IOException {
        int n = s.childCount(node);
        for (int i = 0; i < n; i++) {
            int c = s.child(node, i);
            g.writeFieldName(label(s, c));
            g.writeStartObject();
            if (s.terminal(c) && s.childCount(c) > 0) {
                g.writeFieldName(ENDS_HERE);
                g.writeStartObject();
                g.writeEndObject();
            }
            children(s, c, g);
            g.writeEndObject();
        }
    }

    static String label(Store s, int node) {
        StringBuilder b = new StringBuilder(Text.escape(s.keyTextOf(node))).append('=');
        List<String> values = s.values(s.valueSet(node));
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(Text.escape(values.get(i)));
        }
        return b.toString();
    }
}
