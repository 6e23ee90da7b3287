package dev.qube.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code qube serve} as a command: options, the start line, the key file, and usage errors. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesUntilStoppedWithTheKeyFromTheFile() throws Exception {
        Path cat = dir.resolve("one.json");
        QubeIO.write(Qube.of("a=1,b=2", "a=1,b=3"), QubeFormat.TREE_JSON, cat);
        Path key = dir.resolve("key");
        Files.writeString(key, "k3y\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        CommandLine cl = new CommandLine(new ServeCommand(ps, stop));
        try (ExecutorService ex = Executors.newSingleThreadExecutor()) {
            Future<Integer> run = ex.submit(() -> cl.execute(cat.toString(), "--port", "0", "--bind", "127.0.0.1", "--api-key-file", key.toString()));
            Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
            Matcher m = null;
            for (int i = 0; i < 600 && (m == null || !m.find()); i++) {
                Thread.sleep(50);
                m = listening.matcher(out.toString(StandardCharsets.UTF_8));
            }
            assertTrue(m.find(0), out.toString(StandardCharsets.UTF_8));
            int port = Integer.parseInt(m.group(1));
            assertEquals(2L, Http.get(port, "/api/catalogues/one/count").object().get("count"));
            byte[] body = "{\"key\":\"root\",\"values\":[\"root\"],\"children\":[{\"key\":\"a\",\"values\":[\"7\"],\"children\":[]}]}".getBytes(StandardCharsets.UTF_8);
            assertEquals(200, Http.send(port, "POST", "/api/v2/union/", body, "Bearer k3y").status(), "the key is read from the file, trimmed");
            assertEquals(3L, Http.get(port, "/api/catalogues/one/count").object().get("count"));
            stop.countDown();
            assertEquals(0, run.get());
        }
    }

    @Test
    void badUsageIsReported() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(System.out, new CountDownLatch(0)));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute(), "FILES are required");
        Path cat = dir.resolve("missing.json");
        assertEquals(2, cl.execute(cat.toString(), "--port", "70000"));
        assertEquals(2, cl.execute(cat.toString(), "--port", "x"));
        assertTrue(err.toString().contains("--port"), err.toString());
    }

    @Test
    void emptyOrMissingKeyFileAndMissingCatalogueFail() throws Exception {
        Path cat = dir.resolve("c.json");
        QubeIO.write(Qube.of("a=1"), QubeFormat.TREE_JSON, cat);
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "  \n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(System.out, new CountDownLatch(0)));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute(cat.toString(), "--port", "0", "--api-key-file", empty.toString()));
        assertTrue(err.toString().contains("is empty"), err.toString());
        assertEquals(2, cl.execute(cat.toString(), "--port", "0", "--api-key-file", dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals(1, cl.execute(dir.resolve("absent.json").toString(), "--port", "0"));
    }
}
