package dev.qube.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogues replaced while clients query: every answer is whole and from one version (never an
 * error from a qube closed under a reader), for a heap catalogue and a mapped binary one, by
 * explicit reload and by {@code --watch}.
 */
class ReloadTest {
    @TempDir
    Path dir;

    private static Qube version(int v) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < (v == 0 ? 40 : 90); i++) {
            ids.add("class=od,expver=000" + (1 + i % 3) + ",step=" + i + ",param=" + (v == 0 ? "1/2" : "1/2/3").split("/")[i % (v == 0 ? 2 : 3)]);
        }
        return Qube.of(ids.toArray(String[]::new));
    }

    @Test
    void reloadsUnderConcurrentClients() throws Exception {
        Qube a = version(0);
        Qube b = version(1);
        Path json = dir.resolve("cat.json");
        Path bin = dir.resolve("map.qube");
        QubeIO.write(a, QubeFormat.TREE_JSON, json);
        QubeIO.write(a, QubeFormat.BINARY, bin);
        Set<Long> counts = Set.of(a.count(), b.count());
        Set<Long> param1 = Set.of(a.select(dev.qube.Selection.parse("param=1")).count(), b.select(dev.qube.Selection.parse("param=1")).count());
        try (QubeServer server = QubeServer.start(QubeServer.Config.of(List.of(json, bin)))) {
            int port = server.port();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger answers = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                String name = c % 2 == 0 ? "cat" : "map";
                int kind = c % 3;
                clients.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            switch (kind) {
                                case 0 -> {
                                    Http.Answer r = Http.get(port, "/api/catalogues/" + name + "/count");
                                    check(r, failures);
                                    if (r.status() == 200 && !counts.contains((Long) r.object().get("count"))) {
                                        failures.add("count " + r.body());
                                    }
                                }
                                case 1 -> {
                                    Http.Answer r = Http.get(port, "/api/catalogues/" + name + "/next?sel=param=1");
                                    check(r, failures);
                                    if (r.status() == 200 && !param1.contains((Long) r.object().get("count"))) {
                                        failures.add("next " + r.body());
                                    }
                                }
                                default -> {
                                    Http.Answer r = Http.get(port, "/api/catalogues/" + name + "/select?sel=param=1&format=ids");
                                    check(r, failures);
                                    long lines = r.body().lines().count();
                                    if (r.status() == 200 && !param1.contains(lines)) {
                                        failures.add("select gave " + lines + " identifiers");
                                    }
                                }
                            }
                            answers.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            for (int i = 0; i < 30; i++) {
                Qube next = i % 2 == 0 ? b : a;
                QubeIO.write(next, QubeFormat.TREE_JSON, json);
                QubeIO.write(next, QubeFormat.BINARY, bin);
                server.reload("cat");
                server.reload("map");
                Thread.sleep(20);
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + failures.peek());
            assertTrue(answers.get() > 30, "clients ran: " + answers.get());
            assertEquals(31L, Http.get(port, "/api/catalogues/map").object().get("generation"));
        }
    }

    private static void check(Http.Answer r, ConcurrentLinkedQueue<String> failures) {
        if (r.status() != 200) {
            failures.add(r.status() + " " + r.body());
        }
    }

    @Test
    void watchReloadsAReplacedFile() throws IOException, InterruptedException {
        Qube a = version(0);
        Qube b = version(1);
        Path json = dir.resolve("w.json");
        QubeIO.write(a, QubeFormat.TREE_JSON, json);
        QubeServer.Config c = QubeServer.Config.of(List.of(json));
        try (QubeServer server = QubeServer.start(new QubeServer.Config(c.files(), c.bind(), 0, true, null, c.limits()))) {
            assertEquals(a.count(), Http.get(server.port(), "/api/catalogues/w/count").object().get("count"));
            QubeIO.write(b, QubeFormat.TREE_JSON, json); // written to a temporary file, then moved over
            long deadline = System.nanoTime() + 20_000_000_000L;
            Object count = null;
            while (System.nanoTime() < deadline) {
                count = Http.get(server.port(), "/api/catalogues/w/count").object().get("count");
                if (count.equals(b.count())) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(b.count(), count, "the replaced file was reloaded");
            // a broken replacement keeps the last good version
            java.nio.file.Files.writeString(json, "{\"key\": broken");
            Thread.sleep(1500);
            assertEquals(b.count(), Http.get(server.port(), "/api/catalogues/w/count").object().get("count"));
        }
    }
}
