package dev.qube.tests;

import dev.qube.Identifier;
import dev.qube.Selection;
import dev.qube.ValueOrder;
import dev.qube.tests.property.Gen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generators of the suite, for reuse by anyone testing qubes: identifier sets with shared prefixes,
 * uneven depths, prefix identifiers, key orders that differ between branches and values that look
 * alike ({@code 1}, {@code 01}, {@code 001}, {@code 1.0}, {@code -0}), plus escapes; and selections.
 * All shrink.
 */
public final class QubeArbitraries {
    private QubeArbitraries() {
    }

    /** Keys drawn from. */
    public static final List<String> KEYS = List.of("class", "expver", "param", "date", "a", "b");

    /** Values drawn from: look-alikes, negatives, texts, and characters that need escaping. */
    public static final List<String> VALUES = List.of("1", "01", "001", "1.0", "-0", "0", "-5", "2", "10", "167",
            "od", "rd", "x", "é", "a/b", "c,d", "k=v", " sp", "\\", "20240101", "99999999999999999999");

    /** A set of identifiers (as a duplicate-free list) of about {@code size * 2} elements at most. */
    public static Gen<List<Identifier>> identifierSets() {
        return identifierSets((r, size) -> {
            int pool = 2 + r.nextInt(Math.min(VALUES.size() - 2, 2 + size / 3));
            List<String> values = new ArrayList<>(VALUES);
            Collections.shuffle(values, new java.util.Random(r.nextLong()));
            return values.subList(0, pool);
        });
    }

    /**
     * Identifier sets as {@link #identifierSets()}, with every value drawn from a pool made by
     * {@code pools} (for instance {@link #valueSets()}, or the texts a codec encodes).
     */
    public static Gen<List<Identifier>> identifierSets(Gen<List<String>> pools) {
        return new Gen<>() {
            @Override
            public List<Identifier> next(SplittableRandom r, int size) {
                return draw(r, size, orders(r), pools.next(r, size));
            }

            @Override
            public Stream<List<Identifier>> shrink(List<Identifier> v) {
                Stream<List<Identifier>> halves = v.size() < 2 ? Stream.empty()
                        : Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()));
                Stream<List<Identifier>> dropOne = java.util.stream.IntStream.range(0, v.size()).mapToObj(i -> {
                    List<Identifier> x = new ArrayList<>(v);
                    x.remove(i);
                    return x;
                });
                Stream<List<Identifier>> shorten = java.util.stream.IntStream.range(0, v.size())
                        .filter(i -> v.get(i).size() > 1).mapToObj(i -> {
                            List<Identifier> x = new ArrayList<>(v);
                            Identifier id = v.get(i);
                            x.set(i, Identifier.of(id.pairs().subList(0, id.size() - 1)));
                            return List.copyOf(new LinkedHashSet<>(x));
                        });
                Stream<List<Identifier>> simpler = java.util.stream.IntStream.range(0, v.size()).boxed().flatMap(i -> {
                    Identifier id = v.get(i);
                    return java.util.stream.IntStream.range(0, id.size()).filter(p -> !id.value(p).equals("1")).mapToObj(p -> {
                        List<Map.Entry<String, String>> pairs = new ArrayList<>(id.pairs());
                        pairs.set(p, Map.entry(id.key(p), "1"));
                        List<Identifier> x = new ArrayList<>(v);
                        x.set(i, Identifier.of(pairs));
                        return List.copyOf(new LinkedHashSet<>(x));
                    });
                });
                return Stream.of(halves, dropOne, shorten, simpler).flatMap(s -> s);
            }

            @Override
            public String show(List<Identifier> v) {
                return v.stream().map(Identifier::toString).collect(Collectors.joining("; ", "[", "]"));
            }
        };
    }

    /** A few key orders shared by branches, like real catalogues. */
    private static List<List<String>> orders(SplittableRandom r) {
        List<List<String>> orders = new ArrayList<>();
        int nOrders = 1 + r.nextInt(3);
        for (int i = 0; i < nOrders; i++) {
            List<String> keys = new ArrayList<>(KEYS);
            Collections.shuffle(keys, new java.util.Random(r.nextLong()));
            orders.add(keys.subList(0, 2 + r.nextInt(3)));
        }
        return orders;
    }

    /** Identifiers along the given key orders with values from a small pool, so that prefixes are shared. */
    private static List<Identifier> draw(SplittableRandom r, int size, List<List<String>> orders, List<String> values) {
        if (values.isEmpty()) {
            values = List.of("1");
        }
        LinkedHashSet<Identifier> out = new LinkedHashSet<>();
        int n = r.nextInt(2 * size + 2);
        for (int i = 0; i < n; i++) {
            List<String> order = orders.get(r.nextInt(orders.size()));
            int depth = 1 + r.nextInt(order.size());
            String[] kv = new String[depth * 2];
            for (int d = 0; d < depth; d++) {
                kv[2 * d] = order.get(d);
                kv[2 * d + 1] = values.get(r.nextInt(values.size()));
            }
            out.add(Identifier.of(kv));
        }
        return List.copyOf(out);
    }

    /**
     * {@code how} identifier sets over one value pool made by {@code pools} and one set of key
     * orders, so that they overlap a lot even when the pools are drawn from a large domain.
     */
    public static Gen<List<List<Identifier>>> identifierSetsSharingValues(int how, Gen<List<String>> pools) {
        Gen<List<Identifier>> one = identifierSets(pools); // for shrinking and showing
        return new Gen<>() {
            @Override
            public List<List<Identifier>> next(SplittableRandom r, int size) {
                List<List<String>> orders = orders(r);
                List<String> pool = pools.next(r, size);
                List<List<Identifier>> out = new ArrayList<>();
                for (int i = 0; i < how; i++) {
                    out.add(draw(r, size, orders, pool));
                }
                return out;
            }

            @Override
            public Stream<List<List<Identifier>>> shrink(List<List<Identifier>> v) {
                return identifierSets(how, one).shrink(v);
            }

            @Override
            public String show(List<List<Identifier>> v) {
                return identifierSets(how, one).show(v);
            }
        };
    }

    /** {@code how} identifier sets, often sharing keys and values. */
    public static Gen<List<List<Identifier>>> identifierSets(int how) {
        return identifierSets(how, identifierSets());
    }

    /** {@code how} sets drawn from {@code one}, often from one shared stream so they overlap. */
    public static Gen<List<List<Identifier>>> identifierSets(int how, Gen<List<Identifier>> one) {
        return new Gen<>() {
            @Override
            public List<List<Identifier>> next(SplittableRandom r, int size) {
                // draw all from one stream so that the sets share keys and values often
                SplittableRandom shared = r.split();
                List<List<Identifier>> out = new ArrayList<>();
                for (int i = 0; i < how; i++) {
                    out.add(one.next(r.nextBoolean() ? shared.split() : r.split(), size));
                }
                return out;
            }

            @Override
            public Stream<List<List<Identifier>>> shrink(List<List<Identifier>> v) {
                return java.util.stream.IntStream.range(0, v.size()).boxed().flatMap(i -> one.shrink(v.get(i)).map(s -> {
                    List<List<Identifier>> x = new ArrayList<>(v);
                    x.set(i, s);
                    return x;
                }));
            }

            @Override
            public String show(List<List<Identifier>> v) {
                return v.stream().map(one::show).collect(Collectors.joining("\n    ", "\n    ", ""));
            }
        };
    }

    /** A selection over {@link #KEYS} and {@link #VALUES}, as key to selected values. */
    public static Gen<Map<String, List<String>>> selections() {
        return new Gen<>() {
            @Override
            public Map<String, List<String>> next(SplittableRandom r, int size) {
                Map<String, List<String>> m = new LinkedHashMap<>();
                int keys = 1 + r.nextInt(3);
                for (int i = 0; i < keys; i++) {
                    List<String> vs = new ArrayList<>();
                    int n = r.nextInt(6);
                    for (int j = 0; j < n; j++) {
                        vs.add(VALUES.get(r.nextInt(VALUES.size())));
                    }
                    m.put(KEYS.get(r.nextInt(KEYS.size())), vs);
                }
                return m;
            }

            @Override
            public Stream<Map<String, List<String>>> shrink(Map<String, List<String>> v) {
                return v.keySet().stream().map(k -> {
                    Map<String, List<String>> x = new LinkedHashMap<>(v);
                    x.remove(k);
                    return x;
                }).filter(x -> !x.isEmpty());
            }
        };
    }

    /** An identifier set with a selection over the same keys and values. */
    public record Selected(List<Identifier> identifiers, Map<String, List<String>> selection) {
        /** The selection as a {@link Selection}. */
        public Selection toSelection() {
            return Selection.of(selection);
        }
    }

    /** Identifier sets each with a random selection; both parts shrink. */
    public static Gen<Selected> selected() {
        Gen<List<Identifier>> ids = identifierSets();
        Gen<Map<String, List<String>>> sels = selections();
        return new Gen<>() {
            @Override
            public Selected next(SplittableRandom r, int size) {
                return new Selected(ids.next(r, size), sels.next(r, size));
            }

            @Override
            public Stream<Selected> shrink(Selected v) {
                return Stream.concat(ids.shrink(v.identifiers()).map(i -> new Selected(i, v.selection())),
                        sels.shrink(v.selection()).map(x -> new Selected(v.identifiers(), x)));
            }

            @Override
            public String show(Selected v) {
                return ids.show(v.identifiers()) + " selecting " + v.selection();
            }
        };
    }

    /**
     * Value sets as a node holds them: distinct, in canonical order, not empty. Flavours: dense and
     * sparse canonical integers (negative, large, beyond 64 bits), dates, look-alikes
     * ({@code 1}, {@code 01}, {@code 1.0}, {@code -0}), plain and non-ASCII texts, mixtures, and
     * the {@link #ADVERSARIAL} texts (hash collisions, case, Unicode forms, surrogate pairs, long texts).
     * Shrinks by dropping values.
     */
    public static Gen<List<String>> valueSets() {
        return new Gen<>() {
            @Override
            public List<String> next(SplittableRandom r, int size) {
                int n = 1 + r.nextInt(1 + 2 * size);
                TreeSet<String> out = new TreeSet<>(ValueOrder.INSTANCE);
                int flavour = r.nextInt(8);
                long start = r.nextInt(3) == 0 ? r.nextLong(-1_000_000, 1_000_000) : r.nextInt(-3, 200);
                long step = 1 + (r.nextBoolean() ? 0 : r.nextInt(1, 1000));
                for (int i = 0; i < n; i++) {
                    String v = switch (flavour) {
                        case 0 -> Long.toString(start + i * step); // dense or evenly spaced integers
                        case 1 -> r.nextInt(4) == 0 ? Long.toString(r.nextLong()) : Long.toString(start + r.nextInt(1 + 4 * n));
                        case 2 -> java.time.LocalDate.of(2024, 1, 1).plusDays(Math.floorMod(start, 400) + i * (step % 40))
                                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE); // dates
                        case 3 -> VALUES.get(r.nextInt(VALUES.size())); // look-alikes and escapes
                        case 4 -> text(r);
                        case 5 -> r.nextBoolean() ? Long.toString(start + i) : VALUES.get(r.nextInt(VALUES.size()));
                        case 6 -> LOOKALIKES.get(r.nextInt(LOOKALIKES.size()));
                        default -> { // hash collisions, case, Unicode forms, surrogate pairs, spellings of one number
                            String t = ADVERSARIAL.get(r.nextInt(ADVERSARIAL.size()));
                            yield t.length() > 1000 && r.nextInt(32) != 0 ? t.substring(0, 1 + r.nextInt(40)) : t;
                        }
                    };
                    if (!v.isEmpty()) { // a value is never empty
                        out.add(v);
                    }
                }
                if (out.isEmpty()) {
                    out.add("1");
                }
                return List.copyOf(out);
            }

            @Override
            public Stream<List<String>> shrink(List<String> v) {
                if (v.size() < 2) {
                    return Stream.empty();
                }
                Stream<List<String>> halves = Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()));
                Stream<List<String>> dropOne = java.util.stream.IntStream.range(0, v.size()).mapToObj(i -> {
                    List<String> x = new ArrayList<>(v);
                    x.remove(i);
                    return x;
                });
                return Stream.concat(halves, dropOne).map(List::copyOf);
            }
        };
    }

    /**
     * Two value sets drawn from one pool made by {@code pools}, so that they overlap, are
     * disjoint, equal or nested as often as not; each distinct, canonical, not empty.
     */
    public static Gen<List<List<String>>> valueSetPairs(Gen<List<String>> pools) {
        return new Gen<>() {
            @Override
            public List<List<String>> next(SplittableRandom r, int size) {
                List<String> pool = pools.next(r, size);
                return List.of(subset(pool, r), r.nextInt(8) == 0 ? pool : subset(pool, r));
            }

            private List<String> subset(List<String> pool, SplittableRandom r) {
                List<String> out = new ArrayList<>();
                for (String v : pool) {
                    if (r.nextBoolean()) {
                        out.add(v);
                    }
                }
                return out.isEmpty() ? List.of(pool.get(r.nextInt(pool.size()))) : List.copyOf(out);
            }

            @Override
            public Stream<List<List<String>>> shrink(List<List<String>> v) {
                return Stream.concat(pools.shrink(v.get(0)).map(a -> List.of(a, v.get(1))),
                        pools.shrink(v.get(1)).map(b -> List.of(v.get(0), b)));
            }
        };
    }

    /** Texts that are easy to confuse: numbers written differently, case, Unicode forms, empty. */
    public static final List<String> LOOKALIKES = List.of("1", "01", "001", "1.0", "1.00", "+1", "-0", "0", "00",
            "-1", "1e0", "0x1", "a", "A", "\\u00e9", "\u00e9", "e\u0301", "", " ", "1 ", "\u0131", "i", "\ud83d\ude00",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809");

    /**
     * Texts that break careless interners and codecs: pairs with equal {@link String#hashCode()}
     * ({@code Aa}/{@code BB} and longer chains), texts that differ only in case, the Unicode
     * normalisation forms of one character (precomposed, decomposed, compatibility), characters
     * outside the BMP (surrogate pairs, one of them a digit), digits of other scripts, numerically
     * equal spellings ({@code 1}, {@code 01}, {@code 1.0}, {@code +1}, {@code 1e0}, …), and very long
     * texts (one longer than 65,535 UTF-8 bytes, so 16-bit lengths overflow). Every text is
     * non-empty, has no lone surrogate, and differs from every other.
     */
    public static final List<String> ADVERSARIAL = adversarial();

    private static List<String> adversarial() {
        LinkedHashSet<String> out = new LinkedHashSet<>(List.of(
                // equal String.hashCode(): "Aa" and "BB", and every concatenation of them
                "Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB", "AaAaAa", "BBBBBB", "Ab", "BC", "od", "pE",
                // case only
                "OD", "Od", "oD", "a", "A", "param", "PARAM", "Param", "\u00df", "SS", "ss", "\u0130", "i", "I", "\u0131",
                // normalisation forms: precomposed, decomposed, compatibility
                "\u00e9", "e\u0301", "\u00c5", "\u212b", "A\u030a", "\ufb01", "fi", "\u1e9b\u0323", "\u017f\u0323\u0307",
                // outside the BMP: surrogate pairs
                "\ud83d\ude00", "\ud83d\ude01", "a\ud83d\ude00b", "\ud835\udfcf", "\ud800\udc00", "\udbff\udfff",
                // numerically equal spellings, and digits of other scripts
                "1", "01", "001", "1.0", "1.00", "+1", "1e0", "1E0", "0x1", " 1", "1 ", "\u0661", "\uff11", "\u00b9",
                "0", "-0", "+0", "00", "0.0", "-1", "-01", "10", "1_0", "167", "0167", "+167",
                "9223372036854775807", "09223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "18446744073709551616", "340282366920938463463374607431768211456",
                // long texts, and texts that differ only at their end
                "x".repeat(10_000), "x".repeat(9_999) + "y", "\u00e9".repeat(40_000), "1" + "0".repeat(400)));
        out.addAll(collisions("param", 3));
        out.addAll(collisions("20240101", 3));
        out.addAll(collisions("x".repeat(300), 2));
        return List.copyOf(out);
    }

    /**
     * {@code text} and other texts with the same {@link String#hashCode()}: two neighbouring chars
     * {@code (a, b)} become {@code (a + 1, b - 31)} (or the other way round), which keeps
     * {@code 31 * a + b}. At most {@code n} texts, each different from {@code text}.
     */
    public static List<String> collisions(String text, int n) {
        List<String> out = new ArrayList<>();
        for (int i = text.length() - 2; i >= 0 && out.size() < n; i--) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            char[] c = text.toCharArray();
            if (b >= 31 + 32 && !Character.isSurrogate((char) (a + 1)) && !Character.isSurrogate((char) (b - 31))) {
                c[i] = (char) (a + 1);
                c[i + 1] = (char) (b - 31);
            } else if (a > 32 && b + 31 < 0xd800 && !Character.isSurrogate((char) (a - 1))) {
                c[i] = (char) (a - 1);
                c[i + 1] = (char) (b + 31);
            } else {
                continue;
            }
            String t = new String(c);
            if (t.hashCode() != text.hashCode()) {
                throw new AssertionError("collision arithmetic is wrong for " + text);
            }
            out.add(t);
        }
        return out;
    }

    /**
     * Value sets (distinct, canonical order, not empty) drawn mostly from {@link #ADVERSARIAL}
     * and from {@link #collisions} of generated texts; a long text now and then.
     */
    public static Gen<List<String>> adversarialValueSets() {
        return new Gen<>() {
            @Override
            public List<String> next(SplittableRandom r, int size) {
                int n = 1 + r.nextInt(2 + size);
                TreeSet<String> out = new TreeSet<>(ValueOrder.INSTANCE);
                for (int i = 0; i < n; i++) {
                    String t = ADVERSARIAL.get(r.nextInt(ADVERSARIAL.size()));
                    if (t.length() > 1000 && r.nextInt(4) != 0) {
                        t = t.substring(0, 1 + r.nextInt(40)); // long texts are costly: a short prefix mostly
                    }
                    out.add(t);
                    if (r.nextInt(3) == 0) {
                        out.addAll(collisions(t, 1 + r.nextInt(2)));
                    }
                }
                return List.copyOf(out);
            }

            @Override
            public Stream<List<String>> shrink(List<String> v) {
                return java.util.stream.IntStream.range(0, v.size()).filter(i -> v.size() > 1).mapToObj(i -> {
                    List<String> x = new ArrayList<>(v);
                    x.remove(i);
                    return List.copyOf(x);
                });
            }

            @Override
            public String show(List<String> v) {
                return v.stream().map(QubeArbitraries::showText).collect(Collectors.joining(", ", "[", "]"));
            }
        };
    }

    /** A text for a failure message: long ones abbreviated, non-ASCII as escapes. */
    public static String showText(String t) {
        StringBuilder b = new StringBuilder("\"");
        String s = t.length() > 40 ? t.substring(0, 20) : t;
        s.chars().forEach(ch -> b.append(ch >= 32 && ch < 127 ? String.valueOf((char) ch) : String.format("\\u%04x", ch)));
        if (t.length() > 40) {
            b.append("…(").append(t.length()).append(" chars)");
        }
        return b.append('"').toString();
    }

    /**
     * Lists of texts to intern, with repeats (sometimes as distinct {@code String} objects) and
     * look-alikes. Shrinks by dropping texts.
     */
    public static Gen<List<String>> texts() {
        return new Gen<>() {
            @Override
            public List<String> next(SplittableRandom r, int size) {
                int n = r.nextInt(1 + 4 * size);
                List<String> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String t = switch (r.nextInt(7)) {
                        case 5 -> ADVERSARIAL.get(r.nextInt(ADVERSARIAL.size()));
                        case 6 -> {
                            List<String> c = collisions(out.isEmpty() ? text(r) : out.get(r.nextInt(out.size())), 1);
                            yield c.isEmpty() ? "Aa" : c.getFirst();
                        }
                        case 0 -> LOOKALIKES.get(r.nextInt(LOOKALIKES.size()));
                        case 1 -> VALUES.get(r.nextInt(VALUES.size()));
                        case 2 -> KEYS.get(r.nextInt(KEYS.size()));
                        case 3 -> text(r);
                        default -> out.isEmpty() ? text(r) : new String(out.get(r.nextInt(out.size())).toCharArray());
                    };
                    out.add(t);
                }
                return out;
            }

            @Override
            public Stream<List<String>> shrink(List<String> v) {
                return java.util.stream.IntStream.range(0, v.size()).mapToObj(i -> {
                    List<String> x = new ArrayList<>(v);
                    x.remove(i);
                    return x;
                });
            }
        };
    }

    private static String text(SplittableRandom r) {
        int len = 1 + r.nextInt(6);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int kind = r.nextInt(10);
            if (kind < 6) {
                b.append((char) ('a' + r.nextInt(4)));
            } else if (kind < 8) {
                b.append((char) ('0' + r.nextInt(3)));
            } else if (kind < 9) {
                b.append((char) (0xe0 + r.nextInt(8)));
            } else {
                b.appendCodePoint(0x1f600 + r.nextInt(4));
            }
        }
        return b.toString();
    }

    /**
     * Plans of arena allocations: each element is {@code {size, alignment}}, sizes from 1 byte to
     * a few KiB (so that arenas grow), alignments 1, 2, 4 or 8. Shrinks by dropping allocations.
     */
    public static Gen<List<long[]>> allocations() {
        return new Gen<>() {
            @Override
            public List<long[]> next(SplittableRandom r, int size) {
                int n = 1 + r.nextInt(4 + 4 * size);
                List<long[]> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long s = r.nextInt(8) == 0 ? 1 + r.nextInt(6000) : 1 + r.nextInt(64);
                    out.add(new long[] {s, 1L << r.nextInt(4)});
                }
                return out;
            }

            @Override
            public Stream<List<long[]>> shrink(List<long[]> v) {
                Stream<List<long[]>> halves = v.size() < 2 ? Stream.empty()
                        : Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()));
                return Stream.concat(halves, java.util.stream.IntStream.range(0, v.size()).mapToObj(i -> {
                    List<long[]> x = new ArrayList<>(v);
                    x.remove(i);
                    return x;
                })).filter(x -> !x.isEmpty());
            }

            @Override
            public String show(List<long[]> v) {
                return v.stream().map(a -> a[0] + "@" + a[1]).collect(Collectors.joining(", ", "[", "] (size@alignment)"));
            }
        };
    }

    /**
     * Plans of arena allocations ({@code {size, alignment}}) that add up to 4–8 MiB: mostly small
     * allocations, some of a few KiB and a few of up to 1 MiB, so that an arena grows through
     * every size from bytes to MiB. Shrinks by halves only (each try is costly).
     */
    public static Gen<List<long[]>> largeAllocations() {
        return new Gen<>() {
            @Override
            public List<long[]> next(SplittableRandom r, int size) {
                long target = (4L + r.nextInt(5)) << 20;
                List<long[]> out = new ArrayList<>();
                long total = 0;
                while (total < target) {
                    int kind = r.nextInt(20);
                    long s = kind < 14 ? 1 + r.nextInt(64) : kind < 19 ? 1 + r.nextInt(16 << 10) : 1 + r.nextInt(1 << 20);
                    out.add(new long[] {s, 1L << r.nextInt(4)});
                    total += s;
                }
                return out;
            }

            @Override
            public Stream<List<long[]>> shrink(List<long[]> v) {
                return v.size() < 2 ? Stream.empty() : Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()));
            }

            @Override
            public String show(List<long[]> v) {
                long total = v.stream().mapToLong(a -> a[0]).sum();
                return v.size() + " allocations of " + total + " bytes in all";
            }
        };
    }

    /** The {@link Selection} of a generated selection map. */
    public static Selection selection(Map<String, List<String>> m) {
        return Selection.of(m);
    }
}
