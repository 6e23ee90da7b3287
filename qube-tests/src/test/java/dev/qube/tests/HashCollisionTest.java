package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.spi.Codecs;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two different texts with the same 64-bit hash: the engine hash-conses value sets and nodes on
 * hashes defined on texts, and must still keep apart what only looks alike by its hash. Found by
 * the mutation score (docs/CONFORMANCE.md): the comparisons behind the hash were never reached.
 *
 * <p>{@link #A} and {@link #B} (five CJK ideographs each) collide under the engine's text hash,
 * FNV-1a over the UTF-16 units followed by MurmurHash3's 64-bit finaliser, so the value sets
 * {@code [A]} and {@code [B]}, the keys {@code A} and {@code B}, and the nodes {@code k=A} and
 * {@code k=B} hash equally too. They were found with Brent's cycle finding over that hash (about
 * 10^10 hashes). If the engine's hash changes, {@link #collide} still holds for the copy here but
 * no longer for the engine, and this test loses its point: find a new pair.
 */
class HashCollisionTest {

    private static final String ARENA = ByteArrayArenaProvider.NAME;

    static final String A = "\u6b15\u5f2b\u6c4a\u5833\u5423";
    static final String B = "\u506e\u5226\u5117\u5385\u573c";

    /** The engine's text hash (dev.qube.internal.Hashing.text), copied. */
    static long textHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= s.length();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Test
    void collide() {
        assertNotEquals(A, B);
        assertEquals(textHash(A), textHash(B), "the two texts of this test no longer collide");
    }

    /**
     * A correct codec for one-value sets whose encoding starts with the text itself (UTF-16 units,
     * then a unit 0), so the encodings of {@code [A]} and {@code [B]} differ from their first byte.
     */
    private static final class OneText implements ValueCodec {
        private static final ValueLayout.OfChar CHAR = ValueLayout.JAVA_CHAR_UNALIGNED;

        @Override
        public String name() {
            return "test-one-text";
        }

        @Override
        public long encodedSize(List<String> values) {
            return values.size() == 1 && values.getFirst().indexOf('\0') < 0 ? 2L * (values.getFirst().length() + 1) : -1;
        }

        @Override
        public void encode(List<String> values, MemorySegment target, long offset) {
            String t = values.getFirst();
            for (int i = 0; i < t.length(); i++) {
                target.set(CHAR, offset + 2L * i, t.charAt(i));
            }
            target.set(CHAR, offset + 2L * t.length(), '\0');
        }

        @Override
        public int count(MemorySegment source, long offset) {
            return 1;
        }

        @Override
        public void decode(MemorySegment source, long offset, List<String> into) {
            StringBuilder t = new StringBuilder();
            for (long o = offset; source.get(CHAR, o) != '\0'; o += 2) {
                t.append(source.get(CHAR, o));
            }
            into.add(t.toString());
        }
    }

    /** The default codecs, none (everything {@code utf8}), only the string table, a codec that writes the text first. */
    private static List<List<ValueCodec>> choices() {
        ValueCodec table = Codecs.inUse().stream().filter(c -> c.name().equals("strings")).findFirst().orElseThrow();
        return Arrays.asList(null, List.of(), List.of(table), List.of(new OneText()));
    }

    private static Codecs.Scope use(List<ValueCodec> chosen) {
        return chosen == null ? () -> { } : Codecs.use(chosen);
    }

    private static List<Identifier> ids(String... keysAndValues) {
        List<Identifier> out = new ArrayList<>();
        for (String id : keysAndValues) {
            String[] kv = id.split("[,=]");
            out.add(Identifier.of(kv));
        }
        return out;
    }

    private static Qube build(List<Identifier> ids) {
        var b = Qube.builder(ARENA);
        ids.forEach(b::add);
        return b.build();
    }

    /** {@code q} holds exactly {@code ids}, and stores as many nodes as the same set built afresh. */
    private static void holds(String what, List<Identifier> ids, Qube q) {
        assertEquals(Model.of(ids), Model.of(q), what);
        for (Identifier i : ids) {
            assertTrue(q.contains(i), () -> what + ": " + i + " missing");
        }
    }

    @Test
    void collidingValuesKeysAndNodesStayApart() {
        for (List<ValueCodec> chosen : choices()) {
            String how = chosen == null ? "default codecs" : "codecs " + chosen.stream().map(ValueCodec::name).toList();
            try (Codecs.Scope s = use(chosen)) {
                // value sets [A] and [B], nodes b=A and b=B: equal hashes, different texts
                List<Identifier> values = ids("a=1,b=" + A, "a=2,b=" + B);
                try (Qube q = build(values)) {
                    holds(how + ", values", values, q);
                    assertFalse(q.contains(Identifier.of("a", "1", "b", B)), how);
                    assertEquals(5, q.nodeCount(), how);
                    Selection onlyA = Selection.of(java.util.Map.of("b", List.of(A)));
                    try (Qube sel = q.select(onlyA, SelectMode.RELAXED)) {
                        holds(how + ", select b=A", ids("a=1,b=" + A), sel);
                        assertEquals(1, q.count(onlyA, SelectMode.RELAXED), how);
                    }
                }
                // keys A and B
                List<Identifier> keys = ids(A + "=1", B + "=1", A + "=2," + B + "=2");
                try (Qube q = build(keys)) {
                    holds(how + ", keys", keys, q);
                }
                // nodes a=1 with the same key, values and hash whose children differ (b=A, b=B)
                List<Identifier> below = ids("x=1,a=1,b=" + A, "x=2,a=1,b=" + B);
                try (Qube q = build(below)) {
                    holds(how + ", children", below, q);
                }
                // qubes that differ only by the colliding texts
                try (Qube qa = build(ids("b=" + A)); Qube qb = build(ids("b=" + B)); Qube i = qa.intersect(qb);
                        Qube m = qa.minus(qb); Qube x = qa.xor(qb)) {
                    assertNotEquals(qa, qb, how);
                    assertEquals(0, i.count(), how);
                    assertEquals(qa, m, how);
                    holds(how + ", xor", ids("b=" + A, "b=" + B), x);
                }
                // a union copies [A] from one store and [B] from the other into a third
                List<Identifier> left = ids("p=1,b=" + A, "r=1,b=" + A);
                List<Identifier> right = ids("q=1,b=" + B, "r=2,b=" + B);
                List<Identifier> all = new ArrayList<>(left);
                all.addAll(right);
                try (Qube l = build(left); Qube r = build(right); Qube u = l.union(r); Qube u2 = r.union(l)) {
                    holds(how + ", l | r", all, u);
                    holds(how + ", r | l", all, u2);
                    assertEquals(u, u2, how);
                }
            }
        }
    }
}
