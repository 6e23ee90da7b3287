package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.spi.Codecs;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.fixture.DelegatingCodec;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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
