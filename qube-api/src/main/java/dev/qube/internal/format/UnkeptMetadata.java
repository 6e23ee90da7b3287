package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qube.ReadOptions;
import java.io.IOException;

/**
 * The one place where the JSON readers (tree-json, arena-json) meet a node's {@code metadata}
 * member. This version keeps identifiers only: an empty object (what qubed writes for a node
 * without metadata) or {@code null} is nothing to keep; any other object is skipped and its node
 * counted, and {@link #report} then warns once how many nodes' metadata was not kept, so it is
 * never dropped silently. A {@code metadata} member that is not an object is malformed.
 *
 * <p>Reading metadata means replacing {@link #read} (and what it is given); nothing else in the
 * readers looks at the member.
 */
final class UnkeptMetadata {

    private long nodes;

    /**
     * Reads the value of one node's {@code metadata} member: the parser is at its first token and
     * is left at its last.
     *
     * @throws dev.qube.QubeFormatException when the member is neither an object nor null
     */
    void read(JsonParser p, String source) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw Json.error(p, source, "expected \"metadata\" to be an object, found " + Json.describe(t));
        }
        if (p.nextToken() == JsonToken.END_OBJECT) {
            return;
        }
        nodes++;
        for (JsonToken f = p.currentToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
            p.nextToken();
            p.skipChildren();
        }
    }

    /** Warns, once, when the metadata of any node was not kept. */
    void report(String source, ReadOptions options) {
        if (nodes > 0) {
            options.warnings().accept(source + ": the metadata of " + String.format(java.util.Locale.ROOT, "%,d", nodes)
                    + (nodes == 1 ? " node was" : " nodes was") + " not kept (this version reads identifiers only)");
        }
    }
}
