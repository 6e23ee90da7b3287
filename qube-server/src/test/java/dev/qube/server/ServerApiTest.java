package dev.qube.server;

import static dev.qube.server.Http.enc;
import static dev.qube.server.Http.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API and the qubed paths on a real server on a free loopback port, good and bad requests. */
class ServerApiTest {
    static final String KEY = "s3cret-key";

    @TempDir
    static Path dir;
    static QubeServer server;
    static int port;
    static Qube small;
    static Qube binary;

    static final String[] IDS = {
        "class=od,expver=0001,param=1", "class=od,expver=0001,param=2", "class=od,expver=0002,param=1",
        "class=rd,expver=0001,param=1", "class=rd,expver=0001,param=2", "class=rd,expver=0001,param=3",
        "class=rd,expver=0002,levtype=pl,levelist=500,param=1", "class=rd,expver=0002,levtype=pl,levelist=850,param=1",
    };

    @BeforeAll
    static void start() throws IOException {
        small = Qube.of(IDS);
        Path json = dir.resolve("small.json");
        QubeIO.write(small, QubeFormat.TREE_JSON, json);
        binary = Qube.of("a=1,b=1/2".replace("1/2", "1"), "a=1,b=2", "a=2,b=3");
        Path bin = dir.resolve("bin.qube");
        QubeIO.write(binary, QubeFormat.BINARY, bin);
        Limits limits = new Limits(4096, 200, 8, 5, 1_000, 1 << 20, 4, 100);
        server = QubeServer.start(new QubeServer.Config(List.of(json, bin), "127.0.0.1", 0, false, KEY, limits));
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsCatalogues() {
        Http.Answer a = get(port, "/api/catalogues");
        assertEquals(200, a.status());
        assertTrue(a.type().startsWith("application/json"));
        List<Object> list = a.array();
        assertEquals(2, list.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) list.get(0);
        assertEquals("small", first.get("name"));
        assertEquals((long) IDS.length, first.get("count"));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) list.get(1);
        assertEquals("bin", second.get("name"));
        assertEquals("binary", second.get("format"));
        assertEquals("mapped", second.get("backend"), "a binary file is served mapped in place");
        assertEquals(3L, get(port, "/api/catalogues/bin/count").object().get("count"));
    }

    @Test
    void countsEqualTheLibrarys() {
        for (String sel : List.of("", "class=rd", "param=1/2", "levelist=500", "class=rd,levelist=*", "param=1/to/2")) {
            for (SelectMode mode : SelectMode.values()) {
                Http.Answer a = get(port, "/api/catalogues/small/count?sel=" + enc(sel) + "&mode=" + mode.name().toLowerCase());
                assertEquals(200, a.status(), a.body());
                long expected = small.select(sel.isEmpty() ? Selection.of(Map.of()) : Selection.parse(sel), mode).count();
                assertEquals(expected, a.object().get("count"), sel + " " + mode);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void axesAndNextChoices() {
        Map<String, Object> axes = (Map<String, Object>) get(port, "/api/catalogues/small/axes?sel=" + enc("class=rd")).object().get("axes");
        assertEquals(Map.of("0001", 3L, "0002", 2L), axes.get("expver"));
        assertEquals(Map.of("500", 1L, "850", 1L), axes.get("levelist"));

        Map<String, Object> next = get(port, "/api/catalogues/small/next?sel=" + enc("class=rd")).object();
        assertEquals(5L, next.get("count"));
        assertEquals(List.of("expver"), next.get("next"));
        List<Object> keys = (List<Object>) next.get("keys");
        Map<String, Object> cls = (Map<String, Object>) keys.get(0);
        assertEquals("class", cls.get("key"));
        assertEquals(true, cls.get("selected"));
        // a selected key's values are counted without its own choice, so od stays visible
        assertEquals(List.of(Map.of("value", "od", "count", 3L, "chosen", false), Map.of("value", "rd", "count", 5L, "chosen", true)),
                cls.get("values"));
        Map<String, Object> exp = (Map<String, Object>) keys.get(1);
        assertEquals("expver", exp.get("key"));
        assertEquals(true, exp.get("frontier"));
    }

    @Test
    void selectStreamsTheLibrarysOutput() throws IOException {
        for (String fmt : List.of("tree-json", "ascii", "ids")) {
            Http.Answer a = get(port, "/api/catalogues/small/select?sel=" + enc("class=rd,param=1") + "&format=" + fmt);
            assertEquals(200, a.status(), a.body());
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            QubeIO.write(small.select(Selection.parse("class=rd,param=1")), QubeFormat.byId(fmt), expected);
            assertEquals(expected.toString(StandardCharsets.UTF_8), a.body(), fmt);
        }
    }

    @Test
    void qubedPaths() throws IOException {
        Http.Answer s = get(port, "/api/v2/select/?class=rd&param=1,2");
        assertEquals(200, s.status());
        Selection sel = Selection.of(Map.of("class", List.of("rd"), "param", List.of("1", "2")));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        QubeIO.write(small.select(sel), QubeFormat.TREE_JSON, expected);
        assertEquals(expected.toString(StandardCharsets.UTF_8), s.body());
        assertEquals(s.body(), get(port, "/c/small/api/v2/select/?class=rd&param=1,2").body());

        List<Object> q = get(port, "/api/v2/query?class=rd").array();
        @SuppressWarnings("unchecked")
        Map<String, Object> expver = (Map<String, Object>) q.stream().filter(o -> ((Map<?, ?>) o).get("key").equals("expver")).findFirst().orElseThrow();
        assertEquals(true, expver.get("on_frontier"));
        assertEquals(List.of("0001", "0002"), expver.get("values"));
        assertEquals("str", expver.get("dtype"));
        assertEquals(404, get(port, "/c/nope/api/v2/query").status());
    }

    @Test
    void containsAndTree() {
        assertEquals(true, get(port, "/api/catalogues/small/contains?id=" + enc("class=od,expver=0001,param=2")).object().get("contains"));
        assertEquals(false, get(port, "/api/catalogues/small/contains?id=" + enc("class=od,expver=0001")).object().get("contains"));
        Http.Answer root = get(port, "/api/catalogues/small/tree?sel=" + enc("class=rd"));
        assertEquals(200, root.status(), root.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kids = (List<Map<String, Object>>) root.object().get("children");
        assertEquals(1, kids.size());
        assertEquals("class", kids.get(0).get("key"));
        assertEquals(List.of("rd"), kids.get(0).get("values"));
        assertEquals(5L, kids.get(0).get("count"), "identifiers below class=rd");
        // with nothing selected the counts come from the catalogue's index
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) get(port, "/api/catalogues/small/tree").object().get("children");
        assertEquals(List.of(3L, 5L), all.stream().map(m -> m.get("count")).toList());
                // strict with nothing selected keeps nothing, as the library's select does
        assertEquals(0, ((List<?>) get(port, "/api/catalogues/small/tree?mode=strict").object().get("children")).size());
        Http.Answer below = get(port, "/api/catalogues/small/tree?sel=" + enc("class=rd") + "&path=0");
        assertTrue(below.body().contains("\"key\":\"expver\""), below.body());
        // under class=rd: expver=0001 holds 3 identifiers, expver=0002 two (through levtype=pl)
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> second = (List<Map<String, Object>>) below.object().get("children");
        assertEquals(List.of(3L, 2L), second.stream().map(m -> m.get("count")).toList(), below.body());
    }

    @Test
    void badRequestsAreJsonWithFittingStatuses() {
        Http.Answer bad = get(port, "/api/catalogues/small/count?sel=" + enc("class=rd,param"));
        assertEquals(400, bad.status());
        assertTrue(bad.type().startsWith("application/json"));
        Map<String, Object> e = bad.object();
        assertEquals("sel", e.get("parameter"));
        assertEquals(10L, e.get("column"), bad.body()); // where "param" starts

        assertEquals(400, get(port, "/api/catalogues/small/count?mode=loose").status());
        assertEquals(400, get(port, "/api/catalogues/small/select?format=png").status());
        assertEquals(400, get(port, "/api/catalogues/small/tree?path=x.1").status());
        assertEquals(404, get(port, "/api/catalogues/small/tree?path=7").status());
        assertEquals(400, get(port, "/api/catalogues/small/contains?id=" + enc("class")).status());
        assertEquals(400, get(port, "/api/v2/select/?class=").status());
        assertEquals(404, get(port, "/api/catalogues/nope/count").status());
        Http.Answer unknown = get(port, "/api/nothing/here");
        assertEquals(404, unknown.status());
        assertTrue(unknown.type().startsWith("application/json"));

        // limits: a long selection, too many keys, too many identifiers for ids output
        assertEquals(413, get(port, "/api/catalogues/small/count?sel=" + enc("param=" + "1/".repeat(200) + "1")).status());
        assertEquals(413, get(port, "/api/catalogues/small/count?sel=" + enc("a=1,b=1,c=1,d=1,e=1,f=1,g=1,h=1,i=1")).status());
        Http.Answer many = get(port, "/api/catalogues/small/select?format=ids");
        assertEquals(413, many.status());
        assertTrue(many.object().get("message").toString().contains("8 identifiers"), many.body());
        assertEquals(200, get(port, "/api/catalogues/small/select?format=ids&sel=class=od").status());
    }

    @Test
    void unionNeedsTheBearerKey() throws IOException {
        byte[] body = "{\"key\":\"root\",\"values\":[\"root\"],\"metadata\":{},\"children\":[{\"key\":\"a\",\"values\":[\"9\"],\"metadata\":{},\"children\":[{\"key\":\"b\",\"values\":[\"9\"],\"metadata\":{},\"children\":[]}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(401, Http.send(port, "POST", "/api/catalogues/bin/union", body, null).status());
        assertEquals(401, Http.send(port, "POST", "/api/catalogues/bin/union", body, "Basic abc").status());
        assertEquals(403, Http.send(port, "POST", "/api/catalogues/bin/union", body, "Bearer wrong").status());
        assertEquals(403, Http.send(port, "POST", "/api/v2/union/", body, "Bearer wrong").status());
        assertEquals(404, Http.send(port, "POST", "/api/catalogues/nope/union", body, "Bearer " + KEY).status());
        assertEquals(400, Http.send(port, "POST", "/api/catalogues/bin/union", "{\"key\":".getBytes(StandardCharsets.UTF_8), "Bearer " + KEY).status());
        assertEquals(413, Http.send(port, "POST", "/api/catalogues/bin/union", new byte[5000], "Bearer " + KEY).status());
        // without a length, the body is counted as it is read
        byte[] big = ("[" + "\"a=1,b=2\",".repeat(500) + "\"a=1\"]").getBytes(StandardCharsets.UTF_8);
        Http.Answer chunked = Http.send(port, "POST", "/api/catalogues/bin/union", big, "Bearer " + KEY, true);
        assertEquals(413, chunked.status(), chunked.body());
        assertEquals(3L, get(port, "/api/catalogues/bin/count").object().get("count"), "refused unions change nothing");

        Http.Answer ok = Http.send(port, "POST", "/api/catalogues/bin/union", body, "Bearer " + KEY);
        assertEquals(200, ok.status(), ok.body());
        assertEquals(4L, ok.object().get("count"));
        assertEquals(1L, get(port, "/api/catalogues/bin/count?sel=a=9").object().get("count"));
        assertFalse(ok.body().contains(KEY));
    }

    @Test
    void pageAndOpenApiAreServed() {
        Http.Answer page = get(port, "/");
        assertEquals(200, page.status());
        assertTrue(page.type().startsWith("text/html"));
        assertTrue(get(port, "/app.js").type().startsWith("text/javascript"));
        Map<String, Object> api = get(port, "/openapi.json").object();
        assertEquals("3.1.0", api.get("openapi"));
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        for (String p : List.of("/api/catalogues/{name}/count", "/api/catalogues/{name}/next", "/api/v2/select/", "/api/v2/query")) {
            assertTrue(paths.containsKey(p), p);
        }
    }

    @Test
    void keyFileIsNeededForUnions() throws IOException {
        Path f = dir.resolve("k.json");
        QubeIO.write(small, QubeFormat.TREE_JSON, f);
        try (QubeServer open = QubeServer.start(QubeServer.Config.of(List.of(f)))) {
            Http.Answer a = Http.send(open.port(), "POST", "/api/v2/union/", "{}".getBytes(StandardCharsets.UTF_8), "Bearer anything");
            assertEquals(403, a.status());
            assertTrue(a.object().get("message").toString().contains("--api-key-file"));
        }
        assertTrue(Files.exists(f));
    }
}
