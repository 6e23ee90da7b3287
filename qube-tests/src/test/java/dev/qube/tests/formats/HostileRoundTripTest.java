package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.tests.FormatRoundTrip;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Gen;
import dev.qube.tests.property.Property;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A writer never produces what its reader refuses or reads differently: every writable format
 * round-trips generated qubes whose keys and values are hostile texts ({@code #}, a byte-order
 * mark, {@code \ = , /}, emoji, white space at the ends, line breaks, very long values) and very
 * wide value sets, read back both with the format named and with the format detected. (Values
 * stay under 10,000 characters: {@code nested-json} writes a key and value as one JSON name, and
 * Jackson refuses names over 50,000 characters by default.)
 */
class HostileRoundTripTest {

    static final String ARENA = ByteArrayArenaProvider.NAME;

    static final List<String> KEYS = List.of("class", "#k", "\uFEFFk", "a=b", "k,1", "k/2", "\\", "\ud83d\ude00",
            " k", "k ", "root", "\u251c\u2500\u2500 k", "retrieve", "{k}", "k\u00e9");

    static final List<String> VALUES = List.of("1", "#", "#1", "\uFEFF", "\uFEFFx", "\\", "=", ",", "/", "a/b", "c,d",
            "k=v", "\ud83d\ude00", "x\ud83d\ude00y", " sp", "sp ", "\t", "a\nb", "\r", "{", "}", "[", "\"q\"", "'",
            "null", "true", "01", "1.0", "-0", "root", "\u00a0x", "\u2514", "\u0000", "\u001f", "\u2028");

    /** A list of distinct identifiers with hostile texts; now and then a very long value or a very wide value set. */
    static final Gen<List<Identifier>> HOSTILE = new Gen<>() {
        @Override
        public List<Identifier> next(SplittableRandom r, int size) {
            LinkedHashSet<Identifier> out = new LinkedHashSet<>();
            List<String> keys = new ArrayList<>(KEYS);
            java.util.Collections.shuffle(keys, new java.util.Random(r.nextLong()));
            keys = keys.subList(0, 1 + r.nextInt(4));
            int n = 1 + r.nextInt(1 + size);
            for (int i = 0; i < n; i++) {
                String[] kv = new String[2 * keys.size()];
                int depth = 1 + r.nextInt(keys.size());
                kv = new String[2 * depth];
                for (int d = 0; d < depth; d++) {
                    kv[2 * d] = keys.get(d);
                    kv[2 * d + 1] = value(r);
                }
                out.add(Identifier.of(kv));
            }
            if (r.nextInt(8) == 0) { // a very wide value set
                int wide = 1_000 + r.nextInt(2_000);
                for (int i = 0; i < wide; i++) {
                    out.add(Identifier.of(keys.get(0), "w" + i + VALUES.get(i % VALUES.size())));
                }
            }
            return new ArrayList<>(out);
        }

        private String value(SplittableRandom r) {
            return switch (r.nextInt(12)) {
                case 0 -> "v".repeat(1 + (r.nextInt(4) == 0 ? r.nextInt(10_000) : r.nextInt(100))) + VALUES.get(r.nextInt(VALUES.size()));
                case 1 -> VALUES.get(r.nextInt(VALUES.size())) + VALUES.get(r.nextInt(VALUES.size()));
                case 2 -> String.valueOf(r.nextInt(100));
                default -> VALUES.get(r.nextInt(VALUES.size()));
            };
        }

        @Override
        public Stream<List<Identifier>> shrink(List<Identifier> v) {
            if (v.size() < 2) {
                return Stream.empty();
            }
            return Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()), v.subList(1, v.size()),
                    v.subList(0, v.size() - 1));
        }
    };

    static TreeSet<String> ids(Qube q) {
        TreeSet<String> out = new TreeSet<>();
        q.identifiers().forEach(i -> out.add(i.toString()));
        return out;
    }

    static Qube build(List<Identifier> ids) {
        QubeBuilder b = Qube.builder(ARENA);
        ids.forEach(b::add);
        return b.build();
    }

    @Test
    void everyWritableFormatRoundTripsHostileTexts() {
        List<QubeFormat> formats = FormatRoundTrip.installed();
        Property.forAll("hostile texts round-trip through every writable format", Math.min(60, Property.tries()), HOSTILE, list -> {
            try (Qube q = build(list)) {
                TreeSet<String> expected = ids(q);
                for (QubeFormat f : formats) {
                    byte[] bytes = FormatRoundTrip.write(q, f);
                    for (QubeFormat as : new QubeFormat[] {f, null}) {
                        try (Qube back = QubeIO.read(new ByteArrayInputStream(bytes), "<" + f.id() + ">", as,
                                ReadOptions.defaults().withArena(ARENA).withWarnings(w -> {
                                    throw new AssertionError(f.id() + ": a warning reading back: " + w);
                                }))) {
                            assertEquals(expected, ids(back), f.id() + (as == null ? ", detected" : ""));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            }
        });
    }
}
