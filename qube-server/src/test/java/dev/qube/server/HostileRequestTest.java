package dev.qube.server;

import static dev.qube.server.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.tests.property.Gen;
import dev.qube.tests.property.Property;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and oversized requests: every answer is a JSON error with a 4xx status (never a 500, never
 * a non-JSON page), including the errors the HTTP layer finds before any route.
 */
class HostileRequestTest {
    @TempDir
    static Path dir;
    static QubeServer server;

    @BeforeAll
    static void start() throws IOException {
        Path f = dir.resolve("h.json");
        QubeIO.write(Qube.of("class=od,expver=0001,param=1/2", "class=rd,date=20240101,param=3"), QubeFormat.TREE_JSON, f);
        Limits l = Limits.defaults();
        server = QubeServer.start(new QubeServer.Config(List.of(f), "127.0.0.1", 0, false, "k",
                new Limits(1000, l.maxQueryChars(), l.maxSelectKeys(), l.maxOutputIdentifiers(), l.maxOutputNodes(),
                        l.maxOutputBytes(), l.maxHeavyRequests(), l.maxListedValues())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Strings made of the selection syntax's own characters, escapes, ranges and odd code points. */
    static final Gen<String> TEXT = new Gen<>() {
        private final String[] parts = {"class", "param", "=", ",", "/", "\\", "*", "to", "by", "1", "20240101", "od", " ",
            "\u00e9", "\u0000", "\t", "%", "..", ".", "-1", "999999999999999999999", "\uD83D\uDE00", "=", "//", ",,"};

        @Override
        public String next(SplittableRandom r, int size) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(1 + size);
            for (int i = 0; i < n; i++) {
                b.append(parts[r.nextInt(parts.length)]);
            }
            return b.toString();
        }
    };

    @Test
    void randomParametersGetJsonAnswersAndNeverA500() {
        List<String> paths = List.of("/api/catalogues/h/count?sel=", "/api/catalogues/h/next?sel=", "/api/catalogues/h/axes?sel=",
                "/api/catalogues/h/select?sel=", "/api/catalogues/h/contains?id=", "/api/catalogues/h/tree?path=",
                "/api/catalogues/h/count?mode=", "/api/catalogues/h/select?format=", "/api/v2/select/?param=", "/api/v2/query?",
                "/api/catalogues/h/next?limit=");
        Property.forAll("random parameters", TEXT, text -> {
            for (String p : paths) {
                Http.Answer a = Http.get(server.port(), p + enc(text));
                assertTrue(a.status() == 200 || (a.status() >= 400 && a.status() < 500), p + text + " -> " + a.status() + " " + a.body());
                assertTrue(a.type() != null && (a.type().startsWith("application/json") || a.type().startsWith("text/plain")), p + " " + a.type());
                if (a.status() >= 400) {
                    assertEquals((long) a.status(), Http.parse(a.body()) instanceof java.util.Map<?, ?> m ? m.get("status") : null, a.body());
                }
            }
        });
    }

    @Test
    void overlongUriAndHugeBodyAreJson413sOr414s() throws IOException {
        Http.Answer longUri = Http.get(server.port(), "/api/catalogues/h/count?sel=" + "a".repeat(70_000));
        assertTrue(longUri.status() == 413 || longUri.status() == 414 || longUri.status() == 400, longUri.status() + " " + longUri.body());
        assertTrue(longUri.type().startsWith("application/json"), longUri.type() + " " + longUri.body());

        // a body over the HTTP layer's own payload limit (twice the API's): refused before routing, as JSON
        String raw = raw("POST /api/v2/union/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
        assertTrue(raw.contains("application/json") && raw.contains("\"status\":413"), raw);

        // garbage instead of HTTP
        String junk = raw("\u0001\u0002 not http at all\r\n\r\n");
        assertTrue(junk.isEmpty() || junk.startsWith("HTTP/1.1 4"), junk);
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write(request.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return "";
        }
    }
}
