package dev.qube.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.Selection;
import dev.qube.arena.offheap.MappedArenas;
import dev.qube.arena.offheap.OffHeapArenas;
import dev.qube.spi.ArenaFullException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operation that fails — bad input in the middle of a stream, a full arena, an interrupted
 * thread — leaves its inputs usable and unchanged, frees the memory of its unfinished result, and
 * a failed write leaves the file it would have replaced untouched.
 */
class NoDataLostTest {

    @TempDir
    Path tmp;

    static Qube wide(String arena, int n, String prefix) {
        var b = Qube.builder(arena);
        for (int i = 0; i < n; i++) {
            b.add(Identifier.of("class", "od", "date", prefix + i, "param", Integer.toString(i % 50)));
        }
        return b.build();
    }

    /** A snapshot of everything a reader can see of a qube. */
    static String snapshot(Qube q) {
        return q.toString() + "|" + q.countExact() + "|" + q.nodeCount() + "|" + q.hashCode() + "|" + q.bytesInUse();
    }

    @Test
    void aFullArenaInTheMiddleOfAnOperationLeavesItsInputsUnchangedAndClosesTheUnfinishedResult() {
        long capacity = SmallArenaProvider.capacity;
        try (Qube a = wide(SmallArenaProvider.NAME, 100, "a"); Qube b = wide("heap", 5_000, "b")) {
            String sa = snapshot(a);
            String sb = snapshot(b);
            int open = SmallArenaProvider.OPEN.get();
            // results live on the left operand's backend: the small arena fills up part way
            List<Function<Qube, Qube>> ops = List.of(q -> q.union(b), q -> q.xor(b), q -> Qube.union(List.of(q, b, b)),
                    q -> q.expand("step", java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "s" + i).toList()), q -> b.copyTo(SmallArenaProvider.NAME));
            for (int k = 0; k < ops.size(); k++) {
                Function<Qube, Qube> op = ops.get(k);
                assertThrows(ArenaFullException.class, () -> op.apply(a).close(), "operation " + k);
                assertEquals(sa, snapshot(a));
                assertEquals(sb, snapshot(b));
                assertEquals(open, SmallArenaProvider.OPEN.get(), "the unfinished result's arena is closed");
            }
            try (Qube again = a.union(a); Qube i = a.intersect(b)) {
                assertEquals(a, again);
                assertTrue(i.isEmpty());
            }
            // reading a file that does not fit
            SmallArenaProvider.capacity = 4 << 10;
            assertThrows(ArenaFullException.class, () -> QubeIO.read(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)),
                    "<big>", QubeFormat.ASCII, ReadOptions.defaults().withArena(SmallArenaProvider.NAME)).close());
            assertEquals(open, SmallArenaProvider.OPEN.get(), "the unfinished read's arena is closed");
            assertEquals(sa, snapshot(a));
        } finally {
            SmallArenaProvider.capacity = capacity;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "offheap", "mapped"})
    void badInputInTheMiddleOfAStreamLeavesNothingBehind(String arena) throws IOException {
        long live = OffHeapArenas.liveBytes() + MappedArenas.liveBytes();
        try (Qube kept = wide(arena, 2_000, "k")) {
            String before = snapshot(kept);
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                ids.append("class=od,date=").append(i).append(",param=").append(i % 7).append('\n');
            }
            String good = ids.toString();
            for (String broken : List.of(good + "class=od,,param=1\n" + good, good + "class=od,class=rd\n",
                    good.substring(0, good.length() / 2) + "\0=\n")) {
                for (QubeFormat f : List.of(QubeFormat.IDS, QubeFormat.ASCII)) {
                    InputStream in = new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8));
                    assertThrows(QubeFormatException.class, () -> QubeIO.read(in, "<broken>", f, ReadOptions.defaults().withArena(arena)).close());
                }
            }
            assertEquals(before, snapshot(kept));
        }
        assertEquals(live, OffHeapArenas.liveBytes() + MappedArenas.liveBytes(), "failed reads leave no native memory behind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "offheap", "mapped"})
    void anInterruptedThreadGetsCorrectAnswersOrAnExceptionAndTheInputsStayUsable(String arena) throws Exception {
        try (Qube a = wide(arena, 3_000, "a"); Qube b = wide(arena, 3_000, "b")) {
            String sa = snapshot(a);
            String sb = snapshot(b);
            String union;
            try (Qube u = a.union(b)) {
                union = u.toString();
            }
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            AtomicReference<String> outcome = new AtomicReference<>("");
            Thread t = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                try {
                    try (Qube u = a.union(b)) { // results grow their arenas while the interrupt is pending
                        outcome.set(u.toString().equals(union) ? "answered" : "WRONG");
                    } catch (RuntimeException e) {
                        outcome.set("failed: " + e);
                    }
                    try (Qube s = b.select(Selection.parse("param=1/2/3")); Qube big = wide(arena, 5_000, "c")) {
                        assertEquals(3 * 60, s.count());
                        assertEquals(5_000, big.count());
                    } catch (RuntimeException e) {
                        outcome.set(outcome.get() + "; failed: " + e);
                    }
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            });
            t.join();
            if (unexpected.get() != null) {
                throw new AssertionError(unexpected.get());
            }
            assertTrue(!outcome.get().contains("WRONG"), outcome.get());
            assertTrue(outcome.get().equals("answered"), arena + ": an interrupt made an operation fail: " + outcome.get());
            assertEquals(sa, snapshot(a));
            assertEquals(sb, snapshot(b));
        }
    }

    @Test
    void aFailedWriteLeavesTheFileItWouldReplaceUntouched() throws IOException {
        Path out = tmp.resolve("catalogue.qube");
        Files.writeString(out, "the old catalogue");
        Qube q = wide("offheap", 10, "w");
        q.close(); // writing a closed qube fails in the middle of the write
        for (QubeFormat f : List.of(QubeFormat.BINARY, QubeFormat.ASCII, QubeFormat.TREE_JSON, QubeFormat.ARENA_JSON)) {
            assertThrows(IllegalStateException.class, () -> QubeIO.write(q, f, out));
            assertEquals("the old catalogue", Files.readString(out));
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
        }
    }
}
