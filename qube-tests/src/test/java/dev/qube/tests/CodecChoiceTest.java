package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.spi.Codecs;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.fixture.DelegatingCodec;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The engine writes each value set with the smallest of the codecs in use that can encode it, and
 * with the built-in {@code utf8} codec when none can; a long text shared by many value sets is
 * stored once (the per-qube string table). Found by the mutation score (docs/CONFORMANCE.md).
 */
class CodecChoiceTest {

    private static final String ARENA = ByteArrayArenaProvider.NAME;

    /** A correct codec (the engine's utf8 encoding and {@code extra} zero bytes after it) that counts its encodings. */
    private static final class Counting extends DelegatingCodec {
        final AtomicInteger encodes = new AtomicInteger();
        private final Predicate<List<String>> accepts;
        private final int extra;

        Counting(String name, Predicate<List<String>> accepts, int extra) {
            super(name);
            this.accepts = accepts;
            this.extra = extra;
        }

        @Override
        public long encodedSize(List<String> values) {
            return accepts.test(values) ? super.encodedSize(values) + extra : -1;
        }

        @Override
        public void encode(List<String> values, MemorySegment target, long offset) {
            encodes.incrementAndGet();
            long n = super.encodedSize(values);
            super.encode(values, target, offset);
            target.asSlice(offset + n, extra).fill((byte) 0);
        }
    }

    private static final List<String> IDS = List.of("class=od,param=1", "class=od,param=2", "class=rd,expver=x", "date=20240101");

    private static Qube build() {
        var b = Qube.builder(ARENA);
        IDS.forEach(b::add);
        return b.build();
    }

    private static void readsBack(Qube q) {
        List<Identifier> expected = new ArrayList<>();
        IDS.forEach(s -> expected.add(Identifier.parse(s)));
        assertEquals(Model.of(expected), Model.of(q));
    }

    @Test
    void theOnlyCodecInUseIsUsed() {
        Counting only = new Counting("test-only", v -> true, 0);
        try (Codecs.Scope s = Codecs.use(List.of(only)); Qube q = build()) {
            readsBack(q);
            assertTrue(only.encodes.get() > 0, "the one codec in use wrote no value set");
        }
    }

    @Test
    void aCodecThatCannotEncodeASetIsNotUsedForIt() {
        Counting refuses = new Counting("test-a-refuses", v -> false, 0);
        Counting digits = new Counting("test-b-digits", v -> v.stream().allMatch(t -> t.chars().allMatch(Character::isDigit)), 0);
        try (Codecs.Scope s = Codecs.use(List.of(refuses, digits)); Qube q = build()) {
            readsBack(q);
            assertEquals(0, refuses.encodes.get(), "a codec that cannot encode anything was used");
            assertTrue(digits.encodes.get() > 0, "the codec that can encode the numbers was not used");
        }
        // none can encode: the built-in utf8 codec steps in
        Counting none = new Counting("test-none", v -> false, 0);
        try (Codecs.Scope s = Codecs.use(List.of(none)); Qube q = build()) {
            readsBack(q);
            assertEquals(0, none.encodes.get());
        }
    }

    @Test
    void theSmallestEncodingWins() {
        Counting big = new Counting("test-a-big", v -> true, 16);
        Counting small = new Counting("test-b-small", v -> true, 0);
        try (Codecs.Scope s = Codecs.use(List.of(big, small)); Qube q = build()) {
            readsBack(q);
            assertEquals(0, big.encodes.get(), "a larger encoding was chosen");
            assertTrue(small.encodes.get() > 0);
        }
        Counting big2 = new Counting("test-c-big", v -> true, 16);
        Counting small2 = new Counting("test-b-small", v -> true, 0);
        try (Codecs.Scope s = Codecs.use(List.of(small2, big2)); Qube q = build()) {
            assertEquals(0, big2.encodes.get(), "a larger encoding was chosen");
            assertTrue(small2.encodes.get() > 0);
        }
    }

    @Test
    void onATieTheFirstCodecByNameWins() {
        // ValueCodec: the smallest encoding is chosen, ties by name; whatever order the codecs are given in
        for (boolean aFirst : new boolean[] {true, false}) {
            Counting a = new Counting("test-a-tie", v -> true, 0);
            Counting b = new Counting("test-b-tie", v -> true, 0);
            try (Codecs.Scope s = Codecs.use(aFirst ? List.of(a, b) : List.of(b, a)); Qube q = build()) {
                readsBack(q);
                assertTrue(a.encodes.get() > 0, "on a tie, the codec first by name was not chosen (a first: " + aFirst + ")");
                assertEquals(0, b.encodes.get(), "on a tie, the codec second by name was chosen (a first: " + aFirst + ")");
            }
        }
    }

    /** A correct codec for the one set {@code [x]} only, which it encodes in no bytes at all. */
    private static final class OnlyX extends DelegatingCodec {
        final AtomicInteger encodes = new AtomicInteger();

        OnlyX() {
            super("test-z-only-x");
        }

        @Override
        public long encodedSize(List<String> values) {
            return values.equals(List.of("x")) ? 0 : -1;
        }

        @Override
        public void encode(List<String> values, MemorySegment target, long offset) {
            encodes.incrementAndGet();
        }

        @Override
        public int count(MemorySegment source, long offset) {
            return 1;
        }

        @Override
        public void decode(MemorySegment source, long offset, List<String> into) {
            into.add("x");
        }
    }

    @Test
    void anEncodingOfNoBytesIsTheSmallest() {
        OnlyX onlyX = new OnlyX();
        Counting other = new Counting("test-a-all", v -> true, 0);
        try (Codecs.Scope s = Codecs.use(List.of(other, onlyX)); Qube q = build()) {
            readsBack(q);
            assertTrue(q.contains(Identifier.parse("class=rd,expver=x")));
            assertTrue(onlyX.encodes.get() > 0, "the set [x] was not written with its empty encoding");
        }
    }

    @Test
    void theStringTableIsNotChosenWhenACodecIsSmaller() {
        ValueCodec table = Codecs.inUse().stream().filter(c -> c.name().equals("strings")).findFirst().orElseThrow();
        // ten short texts take 60 bytes inline (utf8: count, offsets, bytes) and 120 as references
        // into the table (4 bytes each, plus a record of 8 bytes per text); one text is the other way round
        Counting inline = new Counting("test-inline", v -> true, 0);
        List<String> ten = IntStream.range(0, 10).mapToObj(i -> "v" + i).toList();
        try (Codecs.Scope s = Codecs.use(List.of(table, inline)); Qube q = Qube.builder(ARENA).add(Datacube.of("k", String.join("/", ten))).build()) {
            assertEquals(10, q.count());
            assertEquals(1, inline.encodes.get(), "the string table was chosen over a smaller encoding");
        }
        try (Codecs.Scope s = Codecs.use(List.of(table, inline)); Qube q = Qube.builder(ARENA).add("k=v0").build()) {
            assertEquals(1, q.count());
            assertEquals(1, inline.encodes.get(), "a codec was chosen over a smaller string table");
        }
    }

    @Test
    void aLongTextSharedByManyValueSetsIsStoredOnce() {
        String shared = "x".repeat(4000);
        var b = Qube.builder(ARENA);
        for (int i = 0; i < 50; i++) {
            b.add(Identifier.of("a", String.valueOf(i), "b", shared));
            b.add(Identifier.of("a", String.valueOf(i), "b", "own-" + i));
        }
        try (Qube q = b.build()) {
            assertEquals(100, q.count());
            assertTrue(q.bytesInUse() < 4 * shared.length(), () -> "the shared text is stored more than once: " + q.bytesInUse() + " bytes");
        }
    }
}
