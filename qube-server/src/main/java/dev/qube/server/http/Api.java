package dev.qube.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.QubeNode;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.ValueOrder;
import dev.qube.server.Limits;
import dev.qube.server.catalog.Catalogues;
import dev.qube.server.catalog.Snapshot;
import dev.qube.server.facet.FacetIndex;
import dev.qube.server.facet.Query;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The routes of {@code qube serve}: the JSON API under {@code /api/catalogues}, the subset of
 * qubed's STAC server API under {@code /api/v2} (first catalogue) and {@code /c/NAME/api/v2}, the
 * web page at {@code /} and {@code /openapi.json}. Every request works on one version of its
 * catalogue from start to end (see {@link Snapshot}).
 */
public final class Api {
    private static final Logger LOG = Logger.getLogger(Api.class.getName());

    private final Catalogues catalogues;
    private final Limits limits;
    /** The bearer key for unions, or null: unions are then refused. Never logged. */
    private final byte[] apiKey;
    private final Semaphore heavy;
    private final StaticFiles files = new StaticFiles();

    /**
     * @param apiKey the key unions must carry as {@code Authorization: Bearer KEY}, or null to refuse unions
     */
    public Api(Catalogues catalogues, Limits limits, String apiKey) {
        this.catalogues = catalogues;
        this.limits = limits;
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.heavy = new Semaphore(limits.maxHeavyRequests(), true);
    }

    /** The handlers of errors found before routing, answering in the API's JSON. */
    public static io.helidon.webserver.http.DirectHandlers directHandlers() {
        return Json.directHandlers();
    }

    /** Adds every route to {@code r}. */
    public void routes(HttpRouting.Builder r) {
        r.error(ApiError.class, (req, res, e) -> Json.error(res, e));
        r.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.WARNING, "request " + req.prologue() + " failed", e);
            Json.error(res, new ApiError(500, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))));
        });
        r.get("/", (req, res) -> files.send(res, "index.html"));
        r.get("/index.html", (req, res) -> files.send(res, "index.html"));
        r.get("/app.js", (req, res) -> files.send(res, "app.js"));
        r.get("/style.css", (req, res) -> files.send(res, "style.css"));
        r.get("/openapi.json", (req, res) -> files.send(res, "openapi.json"));
        r.get("/favicon.ico", (req, res) -> res.status(204).send());

        r.get("/api/catalogues", (req, res) -> listCatalogues(res));
        r.get("/api/catalogues/{name}", (req, res) -> withSnapshot(req, s -> describe(res, s)));
        r.get("/api/catalogues/{name}/count", (req, res) -> withSnapshot(req, s -> count(req, res, s)));
        r.get("/api/catalogues/{name}/axes", (req, res) -> withSnapshot(req, s -> axes(req, res, s)));
        r.get("/api/catalogues/{name}/next", (req, res) -> withSnapshot(req, s -> next(req, res, s)));
        r.get("/api/catalogues/{name}/contains", (req, res) -> withSnapshot(req, s -> contains(req, res, s)));
        r.get("/api/catalogues/{name}/select", (req, res) -> withSnapshot(req, s -> select(req, res, s, selection(req), mode(req), format(req))));
        r.get("/api/catalogues/{name}/tree", (req, res) -> withSnapshot(req, s -> tree(req, res, s)));
        r.post("/api/catalogues/{name}/union", (req, res) -> union(req, res, name(req)));

        // qubed's STAC server paths: /api/v2 serves the first catalogue, /c/NAME/api/v2 any of them
        r.get("/api/v2/select/", (req, res) -> withDefault(s -> select(req, res, s, qubedSelection(req), SelectMode.RELAXED, QubeFormat.TREE_JSON)));
        r.get("/api/v2/get/", (req, res) -> withDefault(s -> select(req, res, s, Selection.of(Map.of()), SelectMode.RELAXED, QubeFormat.TREE_JSON)));
        r.get("/api/v2/query", (req, res) -> withDefault(s -> qubedQuery(req, res, s)));
        r.post("/api/v2/union/", (req, res) -> union(req, res, catalogues.names().getFirst()));
        r.get("/c/{name}/api/v2/select/", (req, res) -> withSnapshot(req, s -> select(req, res, s, qubedSelection(req), SelectMode.RELAXED, QubeFormat.TREE_JSON)));
        r.get("/c/{name}/api/v2/get/", (req, res) -> withSnapshot(req, s -> select(req, res, s, Selection.of(Map.of()), SelectMode.RELAXED, QubeFormat.TREE_JSON)));
        r.get("/c/{name}/api/v2/query", (req, res) -> withSnapshot(req, s -> qubedQuery(req, res, s)));
        r.post("/c/{name}/api/v2/union/", (req, res) -> union(req, res, name(req)));
        r.any("/api/v1/*", (req, res) -> Json.error(res, new ApiError(410, "/api/v1 is not served; use /api/v2 or /api/catalogues")));

        r.any((req, res) -> Json.error(res, new ApiError(404, "no such resource: " + req.prologue().method().text() + " " + req.path().path()
                + " (see /openapi.json)")));
    }

    // ------------------------------------------------------------------ catalogues

    /** Work on one version of a catalogue. */
    @FunctionalInterface
    private interface Work {
        void on(Snapshot s) throws IOException;
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private void withSnapshot(ServerRequest req, Work work) throws IOException {
        String name = name(req);
        Optional<Snapshot> s = catalogues.acquire(name);
        if (s.isEmpty()) {
            throw new ApiError(404, "no catalogue named '" + name + "' (catalogues: " + String.join(", ", catalogues.names()) + ")");
        }
        try (Snapshot snap = s.get()) {
            work.on(snap);
        }
    }

    private void withDefault(Work work) throws IOException {
        try (Snapshot snap = catalogues.acquire(catalogues.names().getFirst()).orElseThrow(() -> new ApiError(503, "shutting down"))) {
            work.on(snap);
        }
    }

    private void listCatalogues(ServerResponse res) {
        List<Snapshot> held = new ArrayList<>();
        try {
            for (String n : catalogues.names()) {
                catalogues.acquire(n).ifPresent(held::add);
            }
            Json.send(res, 200, g -> {
                g.writeStartArray();
                for (Snapshot s : held) {
                    describe(g, s);
                }
                g.writeEndArray();
            });
        } finally {
            held.forEach(Snapshot::close);
        }
    }

    private void describe(ServerResponse res, Snapshot s) {
        Json.send(res, 200, g -> describe(g, s));
    }

    private static void describe(JsonGenerator g, Snapshot s) throws IOException {
        Qube q = s.qube();
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("file", s.source());
        g.writeStringField("format", s.format().id());
        g.writeStringField("backend", q.arenaName());
        g.writeNumberField("generation", s.generation());
        g.writeStringField("loaded", s.loaded().toString());
        g.writeFieldName("count");
        g.writeNumber(q.countExact());
        g.writeNumberField("uniqueNodes", s.index().nodeCount());
        g.writeNumberField("bytes", q.bytesInUse());
        g.writeArrayFieldStart("keys");
        for (String k : s.index().keysByDepth()) {
            g.writeString(k);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    // ------------------------------------------------------------------ parameters

    private String param(ServerRequest req, String name, String fallback) {
        Optional<String> v = req.query().first(name).asOptional();
        if (v.isPresent() && v.get().length() > limits.maxQueryChars()) {
            throw new ApiError(413, "parameter '" + name + "' is " + v.get().length() + " characters long; the limit is "
                    + limits.maxQueryChars(), name, -1);
        }
        return v.orElse(fallback);
    }

    /** {@code sel=k=v1/v2,k2=v3} in the syntax of {@code qube select}; absent or empty: everything. */
    Selection selection(ServerRequest req) {
        String text = param(req, "sel", "").strip();
        if (text.isEmpty()) {
            return Selection.of(Map.of());
        }
        Selection s;
        try {
            s = Selection.parse(text);
        } catch (QubeFormatException e) {
            throw new ApiError(400, "bad selection: " + e.reason() + " (column " + e.column() + ")", "sel", e.column());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad selection: " + e.getMessage(), "sel", -1);
        }
        checkKeys(s, "sel");
        return s;
    }

    private void checkKeys(Selection s, String param) {
        if (s.keys().size() > limits.maxSelectKeys()) {
            throw new ApiError(413, "the selection names " + s.keys().size() + " keys; the limit is " + limits.maxSelectKeys(), param, -1);
        }
    }

    /** qubed's form: every query parameter is a key, its value one value or several joined by commas. */
    private Selection qubedSelection(ServerRequest req) {
        Selection.Builder b = Selection.builder();
        int n = 0;
        for (String key : req.query().names()) {
            for (String v : req.query().all(key)) {
                if (v.length() > limits.maxQueryChars()) {
                    throw new ApiError(413, "parameter '" + key + "' is too long", key, -1);
                }
                List<String> values = List.of(v.split(",", -1));
                for (String x : values) {
                    if (x.isEmpty()) {
                        throw new ApiError(400, "empty value for key '" + key + "'", key, -1);
                    }
                }
                try {
                    b.values(key, values);
                } catch (IllegalArgumentException e) {
                    throw new ApiError(400, "bad selection for '" + key + "': " + e.getMessage(), key, -1);
                }
            }
            n++;
        }
        if (n > limits.maxSelectKeys()) {
            throw new ApiError(413, "the selection names " + n + " keys; the limit is " + limits.maxSelectKeys());
        }
        return b.build();
    }

    private SelectMode mode(ServerRequest req) {
        String m = param(req, "mode", "relaxed");
        try {
            return SelectMode.valueOf(m.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "unknown mode '" + m + "' (relaxed, prune or strict)", "mode", -1);
        }
    }

    private QubeFormat format(ServerRequest req) {
        String f = param(req, "format", "tree-json");
        QubeFormat fmt;
        try {
            fmt = QubeFormat.byId(f);
        } catch (IllegalArgumentException e) {
            fmt = null;
        }
        if (fmt == null || !fmt.canWrite() || fmt == QubeFormat.BINARY || fmt == QubeFormat.HTML) {
            throw new ApiError(400, "unknown output format '" + f + "' (tree-json, nested-json, arena-json, ascii, ids)", "format", -1);
        }
        return fmt;
    }

    private int intParam(ServerRequest req, String name, int fallback, int max) {
        String v = param(req, name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < 0) {
                throw new NumberFormatException();
            }
            return Math.min(i, max);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "parameter '" + name + "' must be a non-negative integer, not '" + v + "'", name, -1);
        }
    }

    private Query query(Snapshot s, Selection sel, SelectMode mode) {
        try {
            return s.index().query(sel, mode);
        } catch (IllegalArgumentException e) {
            throw new ApiError(413, e.getMessage(), "sel", -1);
        }
    }

    // ------------------------------------------------------------------ queries

    private void count(ServerRequest req, ServerResponse res, Snapshot s) {
        Selection sel = selection(req);
        SelectMode mode = mode(req);
        BigInteger n;
        try {
            n = BigInteger.valueOf(query(s, sel, mode).count());
        } catch (ArithmeticException | Query.TooMuchWork beyondTheIndex) {
            // the library counts the selection exactly without making it, within the bound on heavy requests
            n = heavy(() -> s.qube().countExact(sel, mode));
        }
        BigInteger count = n;
        Json.send(res, 200, g -> {
            g.writeStartObject();
            g.writeStringField("catalogue", s.name());
            g.writeNumberField("generation", s.generation());
            g.writeStringField("selection", sel.toString());
            g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
            g.writeFieldName("count");
            g.writeNumber(count);
            g.writeEndObject();
        });
    }

    private void axes(ServerRequest req, ServerResponse res, Snapshot s) {
        Selection sel = selection(req);
        SelectMode mode = mode(req);
        Map<String, Map<String, Long>> axes = counted(() -> query(s, sel, mode).axes());
        long count = counted(() -> query(s, sel, mode).count());
        Json.send(res, 200, g -> {
            g.writeStartObject();
            g.writeStringField("catalogue", s.name());
            g.writeNumberField("generation", s.generation());
            g.writeNumberField("count", count);
            g.writeObjectFieldStart("axes");
            for (Map.Entry<String, Map<String, Long>> e : axes.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                for (Map.Entry<String, Long> v : e.getValue().entrySet()) {
                    g.writeNumberField(v.getKey(), v.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static <T> T counted(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ArithmeticException e) {
            throw new ApiError(422, "a count exceeds 2^63-1; ask /count for the exact total");
        } catch (Query.TooMuchWork e) {
            throw new ApiError(413, e.getMessage(), "sel", -1);
        }
    }

    private void next(ServerRequest req, ServerResponse res, Snapshot s) {
        Selection sel = selection(req);
        SelectMode mode = mode(req);
        int limit = intParam(req, "limit", limits.maxListedValues(), limits.maxListedValues());
        Query.Facets f = counted(() -> query(s, sel, mode).facets());
        Json.send(res, 200, g -> {
            g.writeStartObject();
            g.writeStringField("catalogue", s.name());
            g.writeNumberField("generation", s.generation());
            g.writeStringField("selection", sel.toString());
            g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
            g.writeNumberField("count", f.count());
            g.writeArrayFieldStart("next");
            for (String k : f.next()) {
                g.writeString(k);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("keys");
            for (Map.Entry<String, Map<String, Long>> e : f.selected().entrySet()) {
                facetKey(g, e.getKey(), e.getValue(), true, false, sel, limit);
            }
            for (String k : f.next()) {
                facetKey(g, k, f.others().get(k), false, true, sel, limit);
            }
            for (Map.Entry<String, Map<String, Long>> e : f.others().entrySet()) {
                if (!f.next().contains(e.getKey())) {
                    facetKey(g, e.getKey(), e.getValue(), false, false, sel, limit);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void facetKey(JsonGenerator g, String key, Map<String, Long> values, boolean selected, boolean frontier,
                                 Selection sel, int limit) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeBooleanField("selected", selected);
        g.writeBooleanField("frontier", frontier);
        g.writeNumberField("valueCount", values == null ? 0 : values.size());
        g.writeArrayFieldStart("values");
        int n = 0;
        if (values != null) {
            for (Map.Entry<String, Long> v : values.entrySet()) {
                if (n++ >= limit) {
                    break;
                }
                g.writeStartObject();
                g.writeStringField("value", v.getKey());
                g.writeNumberField("count", v.getValue());
                if (selected) {
                    g.writeBooleanField("chosen", sel.accepts(key, v.getKey()));
                }
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void contains(ServerRequest req, ServerResponse res, Snapshot s) {
        String text = param(req, "id", null);
        if (text == null) {
            throw new ApiError(400, "missing parameter 'id' (k=v,k=v)", "id", -1);
        }
        Identifier id;
        try {
            id = Identifier.parse(text);
        } catch (QubeFormatException e) {
            throw new ApiError(400, "bad identifier: " + e.reason() + " (column " + e.column() + ")", "id", e.column());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad identifier: " + e.getMessage(), "id", -1);
        }
        boolean in = s.qube().contains(id);
        Json.send(res, 200, g -> {
            g.writeStartObject();
            g.writeStringField("catalogue", s.name());
            g.writeNumberField("generation", s.generation());
            g.writeStringField("id", text);
            g.writeBooleanField("contains", in);
            g.writeEndObject();
        });
    }

    /** Runs heavy work (a materialised select, a tree, a union) within the concurrency bound. */
    private <T> T heavy(java.util.concurrent.Callable<T> work) {
        boolean got;
        try {
            got = heavy.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        }
        if (!got) {
            throw new ApiError(503, "the server is busy (" + limits.maxHeavyRequests() + " large requests running); retry later");
        }
        try {
            return work.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            heavy.release();
        }
    }

    private void select(ServerRequest req, ServerResponse res, Snapshot s, Selection sel, SelectMode mode, QubeFormat format) {
        boolean everything = sel.keys().isEmpty() && mode != SelectMode.STRICT;
        heavy(() -> {
            Qube r = everything ? s.qube() : s.qube().select(sel, mode);
            try {
                if (format == QubeFormat.IDS) {
                    BigInteger n = r.countExact();
                    if (n.compareTo(BigInteger.valueOf(limits.maxOutputIdentifiers())) > 0) {
                        throw new ApiError(413, "the selection holds " + n + " identifiers; ids output is limited to "
                                + limits.maxOutputIdentifiers() + " (narrow the selection or ask for a tree format)");
                    }
                } else {
                    BigInteger n = r.treeNodeCount();
                    if (n.compareTo(BigInteger.valueOf(limits.maxOutputNodes())) > 0) {
                        throw new ApiError(413, "the selected tree has " + n + " nodes; output is limited to "
                                + limits.maxOutputNodes() + " nodes (narrow the selection)");
                    }
                }
                res.header(HeaderNames.CONTENT_TYPE, format.id().endsWith("json") ? Json.TYPE : "text/plain; charset=utf-8");
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                res.header("X-Qube-Generation", Long.toString(s.generation()));
                try (OutputStream out = new Capped(res.outputStream(), limits.maxOutputBytes())) {
                    QubeIO.write(r, format, out);
                }
            } finally {
                if (!everything) {
                    r.close();
                }
            }
            return null;
        });
    }

    /** Cuts a stream past a size (the client sees a truncated answer; the limit is logged). */
    private static final class Capped extends FilterOutputStream {
        private final long max;
        private long written;

        Capped(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                throw new IOException("answer cut at the output limit of " + max + " bytes");
            }
            out.write(b, off, len);
        }
    }

    private void qubedQuery(ServerRequest req, ServerResponse res, Snapshot s) {
        Selection sel = qubedSelection(req);
        Query.Facets f;
        Map<String, Map<String, Long>> axes;
        Query q = query(s, sel, SelectMode.RELAXED);
        f = counted(q::facets);
        axes = counted(q::axes);
        Json.send(res, 200, g -> {
            g.writeStartArray();
            for (Map.Entry<String, Map<String, Long>> e : axes.entrySet()) {
                String key = e.getKey();
                boolean ints = e.getValue().keySet().stream().allMatch(ValueOrder::isCanonicalInteger);
                g.writeStartObject();
                g.writeStringField("key", key);
                g.writeStringField("dtype", ints ? "int" : "str");
                g.writeBooleanField("on_frontier", f.next().contains(key) && !sel.keys().contains(key));
                g.writeArrayFieldStart("values");
                for (String v : e.getValue().keySet()) {
                    g.writeString(v);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    // ------------------------------------------------------------------ tree

    private void tree(ServerRequest req, ServerResponse res, Snapshot s) {
        Selection sel = selection(req);
        SelectMode mode = mode(req);
        String path = param(req, "path", "");
        int limit = intParam(req, "limit", 200, limits.maxListedValues());
        int[] steps = parsePath(path);
        boolean everything = sel.keys().isEmpty() && mode != SelectMode.STRICT;
        heavy(() -> {
            Qube r = everything ? s.qube() : s.qube().select(sel, mode);
            try {
                QubeNode node = r.root();
                for (int i = 0; i < steps.length; i++) {
                    List<QubeNode> kids = node.children();
                    if (steps[i] >= kids.size()) {
                        throw new ApiError(404, "no node at path '" + path + "' under this selection", "path", -1);
                    }
                    node = kids.get(steps[i]);
                }
                List<QubeNode> kids = node.children();
                Map<QubeNode, Long> memo = new java.util.HashMap<>();
                Json.send(res, 200, g -> {
                    g.writeStartObject();
                    g.writeStringField("catalogue", s.name());
                    g.writeNumberField("generation", s.generation());
                    g.writeStringField("path", path);
                    g.writeArrayFieldStart("children");
                    for (int i = 0; i < kids.size(); i++) {
                        QubeNode c = kids.get(i);
                        List<String> vs = c.values();
                        g.writeStartObject();
                        g.writeStringField("path", path.isEmpty() ? Integer.toString(i) : path + "." + i);
                        g.writeStringField("key", c.key());
                        g.writeNumberField("valueCount", vs.size());
                        g.writeArrayFieldStart("values");
                        for (int j = 0; j < Math.min(limit, vs.size()); j++) {
                            g.writeString(vs.get(j));
                        }
                        g.writeEndArray();
                        g.writeBooleanField("ends", c.endsIdentifier());
                        long n = everything ? s.index().identifiersThrough(c) : identifiers(c, memo);
                        if (n >= 0) {
                            g.writeNumberField("count", n);
                        }
                        g.writeNumberField("children", c.children().size());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
            } finally {
                if (!everything) {
                    r.close();
                }
            }
            return null;
        });
    }

    /**
     * Identifiers through {@code node} (its values counted), memoised per stored subtree; -1 past
     * {@link Long#MAX_VALUE}.
     */
    private static long identifiers(QubeNode node, Map<QubeNode, Long> memo) {
        Long known = memo.get(node);
        if (known != null) {
            return known;
        }
        long below = node.endsIdentifier() ? 1 : 0;
        for (QubeNode c : node.children()) {
            long n = identifiers(c, memo);
            if (n < 0 || (below = below + n) < 0) {
                below = -1;
                break;
            }
        }
        long n;
        try {
            n = below < 0 ? -1 : Math.multiplyExact(below, (long) node.values().size());
        } catch (ArithmeticException e) {
            n = -1;
        }
        memo.put(node, n);
        return n;
    }

    private static int[] parsePath(String path) {
        if (path.isEmpty()) {
            return new int[0];
        }
        String[] parts = path.split("\\.", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
                if (out[i] < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad path '" + path + "': child indexes joined by dots, like 0.2.1", "path", -1);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ union

    private void union(ServerRequest req, ServerResponse res, String name) {
        authorize(req);
        if (!catalogues.names().contains(name)) {
            throw new ApiError(404, "no catalogue named '" + name + "'");
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > limits.maxBodyBytes()) {
            throw new ApiError(413, "the body is " + declared + " bytes; the limit is " + limits.maxBodyBytes());
        }
        Snapshot fresh = heavy(() -> {
            Qube body;
            try (InputStream in = new Bounded(req.content().inputStream(), limits.maxBodyBytes())) {
                body = QubeIO.read(in, "request body", null, ReadOptions.defaults());
            } catch (QubeFormatException e) {
                throw new ApiError(400, "bad qube in the body: " + e.getMessage(), "body", e.column());
            }
            try (body) {
                return catalogues.update(name, q -> q.union(body));
            }
        });
        LOG.info(() -> "union into catalogue " + name + ": now generation " + fresh.generation());
        withSnapshotNamed(name, s -> Json.send(res, 200, g -> describe(g, s)));
    }

    private void withSnapshotNamed(String name, Work work) {
        try (Snapshot snap = catalogues.acquire(name).orElseThrow(() -> new ApiError(503, "shutting down"))) {
            work.on(snap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void authorize(ServerRequest req) {
        Optional<String> h = req.headers().first(HeaderNames.AUTHORIZATION);
        if (h.isEmpty()) {
            throw new ApiError(401, "this request needs 'Authorization: Bearer KEY'");
        }
        String v = h.get();
        if (!v.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "only 'Authorization: Bearer KEY' is accepted");
        }
        if (apiKey == null) {
            throw new ApiError(403, "updates are disabled: the server was started without --api-key-file");
        }
        byte[] given = v.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, apiKey)) {
            throw new ApiError(403, "wrong API key");
        }
    }

    /** Fails with 413 past a size. */
    private static final class Bounded extends java.io.FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private void add(long n) {
            if (n > 0) {
                read += n;
                if (read > max) {
                    throw new ApiError(413, "the body exceeds the limit of " + max + " bytes");
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            add(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            add(n);
            return n;
        }
    }

    /** The index of a snapshot, for tests. */
    static FacetIndex indexOf(Snapshot s) {
        return s.index();
    }
}
