package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.internal.Utf8Codec;
import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.property.Property;
import dev.qube.values.example.HoursCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of a value codec, checked directly on every codec of this module and on the example
 * third-party codec: lossless round trip in canonical order, exact size, deterministic bytes,
 * membership, and the three-way partition equal to the merge of the decoded lists.
 */
class CodecContractTest {

    static final List<ValueCodec> CODECS = List.of(new PackedCodec(), new RangesCodec(), new FloatCodec(),
            new BitmapCodec(), new HoursCodec(), new Utf8Codec());

    private static final int AT = 5; // odd offsets: payloads are not aligned in the arena either

    /** Encodes into a long[]-backed segment (as the heap arena is) surrounded by guard bytes. */
    static MemorySegment encode(ValueCodec c, List<String> values, long size) {
        return encode(c, values, size, (byte) 0x5a);
    }

    /** As {@link #encode(ValueCodec, List, long)}, over memory filled with {@code fill}. */
    static MemorySegment encode(ValueCodec c, List<String> values, long size, byte fill) {
        MemorySegment s = MemorySegment.ofArray(new long[(int) ((size + 2 * AT + 7) / 8) + 1]);
        s.fill(fill);
        c.encode(values, s, AT);
        for (long i = 0; i < s.byteSize(); i++) {
            if (i < AT || i >= AT + size) {
                assertEquals(fill, s.get(ValueLayout.JAVA_BYTE, i), c.name() + " wrote outside its " + size + " bytes at " + i);
            }
        }
        return s;
    }

    private static List<String> probes(List<String> values) {
        List<String> p = new ArrayList<>(ValueSets.LOOK_ALIKES);
        for (String v : values) {
            p.add(v);
            p.add("0" + v);
            p.add(v + "0");
            p.add("-" + v);
        }
        p.addAll(List.of("0", "1", "-1", "23", "24", "00", "2147483647", "2147483648", "20240229", "2024-02-29", "0000", "2400"));
        return p;
    }

    @Test
    void everyCodecIsLosslessCanonicalAndExact() {
        Map<String, Integer> used = new LinkedHashMap<>();
        Property.forAll("codec round trip", ValueSets.valueSets(), values -> roundTrip(values, used));
        sweep((a, b) -> roundTrip(a, used));
        for (ValueCodec c : CODECS) {
            // a suite that never reaches a codec proves nothing about it
            assertTrue(used.getOrDefault(c.name(), 0) > 0, () -> c.name() + " never applied; used: " + used);
        }
    }

    /** Every family of values with fixed seeds, so that every codec is reached on every run. */
    private static void sweep(java.util.function.BiConsumer<List<String>, List<String>> check) {
        for (int f = 0; f < ValueSets.FAMILIES; f++) {
            for (int seed = 0; seed < 8; seed++) {
                List<String> a = ValueSets.valueSet(new java.util.SplittableRandom(seed), 6, f);
                List<String> b = ValueSets.valueSet(new java.util.SplittableRandom(seed + 100), 6, f);
                check.accept(a, b);
            }
        }
    }

    private static void roundTrip(List<String> values, Map<String, Integer> used) {
        roundTrip(CODECS, values, used);
    }

    static void roundTrip(List<ValueCodec> codecs, List<String> values, Map<String, Integer> used) {
        for (ValueCodec c : codecs) {
            long size = c.encodedSize(values);
            if (size < 0) {
                assertEquals(-1, size, c.name());
                continue;
            }
            used.merge(c.name(), 1, Integer::sum);
            MemorySegment s = encode(c, values, size);
            assertEquals(values.size(), c.count(s, AT), c.name() + " count");
            List<String> back = new ArrayList<>();
            c.decode(s, AT, back);
            assertEquals(values, back, c.name() + " decodes the same texts in canonical order");
            // over memory filled differently, the payload must be the same: every byte is written and
            // depends only on the values (value sets are shared by comparing their bytes)
            MemorySegment again = encode(c, values, size, (byte) 0xa5);
            assertArrayEquals(s.asSlice(AT, size).toArray(ValueLayout.JAVA_BYTE), again.asSlice(AT, size).toArray(ValueLayout.JAVA_BYTE),
                    c.name() + " writes exactly its size, deterministically");
            Set<String> set = new HashSet<>(values);
            for (String p : probes(values)) {
                assertEquals(set.contains(p), c.contains(s, AT, p), () -> c.name() + " contains " + p);
            }
        }
    }

    @Test
    void partitionEqualsMergeOfDecodedLists() {
        Map<String, Integer> used = new LinkedHashMap<>();
        Property.forAll("codec partition", ValueSets.pairs(), in -> partition(in.get(0), in.get(1), used));
        sweep((a, b) -> partition(a, b, used));
        for (ValueCodec c : CODECS) {
            assertTrue(used.getOrDefault(c.name(), 0) > 0, () -> c.name() + " never partitioned; used: " + used);
        }
    }

    private static void partition(List<String> a, List<String> b, Map<String, Integer> used) {
        partition(CODECS, a, b, used);
    }

    static void partition(List<ValueCodec> codecs, List<String> a, List<String> b, Map<String, Integer> used) {
        Partition expected = Partition.of(a, b);
        for (ValueCodec c : codecs) {
            long sa = c.encodedSize(a);
            long sb = c.encodedSize(b);
            if (sa < 0 || sb < 0) {
                continue;
            }
            used.merge(c.name(), 1, Integer::sum);
            MemorySegment ma = encode(c, a, sa);
            MemorySegment mb = encode(c, b, sb);
            assertEquals(expected, c.partition(ma, AT, mb, AT), c.name());
            assertEquals(new Partition(List.of(), a, List.of()), c.partition(ma, AT, ma, AT), c.name() + " with itself");
        }
    }

    @Test
    void codecsDeclineWhatTheyCannotEncodeExactly() {
        Map<ValueCodec, List<List<String>>> refused = Map.of(
                new PackedCodec(), List.of(List.of("01"), List.of("1", "abc"), List.of("99999999999999999999"),
                        List.of("-9223372036854775808"), List.of("+1"), List.of("20240230", "x"), List.of("1.0"), List.of()),
                new RangesCodec(), List.of(List.of("01"), List.of("1", "abc"), List.of("99999999999999999999"),
                        List.of("2024-02-30"), List.of("24:00:00"), List.of("2400", "x"), List.of()),
                new FloatCodec(), List.of(List.of("1"), List.of("0.50"), List.of(".5"), List.of("1e3"), List.of("1.0E3x"),
                        List.of("NaN"), List.of("1.0", "abc"), List.of("1.2-3"), List.of("1.0d"), List.of()),
                new BitmapCodec(), List.of(List.of("-1"), List.of("2147483648"), List.of("01"), List.of("1", "a"), List.of()),
                new HoursCodec(), List.of(List.of("24"), List.of("1"), List.of("001"), List.of()));
        refused.forEach((c, sets) -> {
            for (List<String> s : sets) {
                assertEquals(-1, c.encodedSize(s), () -> c.name() + " must decline " + s);
            }
        });
    }

    @Test
    void kindsReadTheirTextsAndNothingElse() {
        assertEquals(List.of("1000", "2300", "0000", "0600", "0959"), roundTrip(new PackedCodec(), List.of("1000", "2300", "0000", "0600", "0959")));
        assertEquals(List.of("1200", "1800", "0000", "0600"), roundTrip(new RangesCodec(), List.of("1200", "1800", "0000", "0600")));
        // every day across a leap day and a year end is one run of days
        List<String> days = new ArrayList<>();
        for (var d = java.time.LocalDate.of(2023, 12, 1); d.isBefore(java.time.LocalDate.of(2024, 4, 1)); d = d.plusDays(1)) {
            days.add(d.format(ValueSets.COMPACT));
        }
        assertEquals(9 + 20, new RangesCodec().encodedSize(days), "one run");
        assertEquals(days, roundTrip(new RangesCodec(), days));
        List<String> iso = days.stream().map(x -> x.substring(0, 4) + "-" + x.substring(4, 6) + "-" + x.substring(6)).toList();
        assertEquals(9 + 20, new RangesCodec().encodedSize(iso), "one run of ISO dates");
        assertEquals(9 + 20, new RangesCodec().encodedSize(List.of("0", "6", "12", "18", "24", "30")), "0/to/30/by/6");
        assertEquals(List.of("-9223372036854775807", "0", "9223372036854775807"),
                roundTrip(new RangesCodec(), List.of("-9223372036854775807", "0", "9223372036854775807")));
    }

    private static List<String> roundTrip(ValueCodec c, List<String> values) {
        MemorySegment s = encode(c, values, c.encodedSize(values));
        List<String> out = new ArrayList<>();
        c.decode(s, AT, out);
        for (String v : values) {
            assertTrue(c.contains(s, AT, v), v);
        }
        return out;
    }

    /** A codec that differs from a correct one in one way. */
    private static ValueCodec broken(ValueCodec good, String how) {
        return new ValueCodec() {
            @Override
            public String name() {
                return good.name();
            }

            @Override
            public long encodedSize(List<String> values) {
                long s = good.encodedSize(values);
                return how.equals("size") && s > 0 ? s + 1 : s;
            }

            @Override
            public void encode(List<String> values, MemorySegment target, long offset) {
                good.encode(values, target, offset);
            }

            @Override
            public int count(MemorySegment source, long offset) {
                return good.count(source, offset);
            }

            @Override
            public void decode(MemorySegment source, long offset, List<String> into) {
                List<String> all = new ArrayList<>();
                good.decode(source, offset, all);
                if (how.equals("order") && all.size() > 1) {
                    java.util.Collections.reverse(all);
                }
                into.addAll(all);
            }

            @Override
            public boolean contains(MemorySegment source, long offset, String value) {
                return how.equals("contains") ? !value.isEmpty() : good.contains(source, offset, value);
            }

            @Override
            public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
                Partition p = good.partition(sa, offA, sb, offB);
                return how.equals("partition") ? new Partition(p.onlyA(), p.both(), List.of()) : p;
            }
        };
    }

    @Test
    void theseChecksCatchBrokenCodecs() {
        // a check that cannot fail proves nothing: each deliberate fault must be caught
        List<String> days = List.of("20240101", "20240102", "20240103", "20240105");
        List<String> other = List.of("20240102", "20240104");
        for (String how : List.of("size", "order", "contains")) {
            List<ValueCodec> codecs = List.of(broken(new RangesCodec(), how));
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> roundTrip(codecs, days, new java.util.HashMap<>()), how);
        }
        List<ValueCodec> codecs = List.of(broken(new PackedCodec(), "partition"));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> partition(codecs, days, other, new java.util.HashMap<>()), "partition");
    }
}
