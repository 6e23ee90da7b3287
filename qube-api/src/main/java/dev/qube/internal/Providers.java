package dev.qube.internal;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.Interner;
import dev.qube.spi.InternerProvider;
import dev.qube.spi.ProviderName;
import dev.qube.spi.ValueCodec;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds the SPI implementations with {@link ServiceLoader} (module path and class path) and picks
 * them by name, the way SLF4J 2 picks its provider: an explicit name wins; else the system
 * property; else the default; several candidates of one name give a deterministic choice (by class
 * name) and one warning; none gives an error naming what was looked for.
 */
public final class Providers {

    public static final String ARENA_PROPERTY = "qube.arena";
    public static final String INTERNER_PROPERTY = "qube.interner";
    public static final String DEFAULT_ARENA = "heap";
    public static final String DEFAULT_INTERNER = "concurrent";

    private static final System.Logger LOG = System.getLogger("dev.qube");
    private static final Map<String, ArenaProvider> ARENAS = new ConcurrentHashMap<>();
    /** The codecs chosen by {@code Codecs.use}, or null for every discovered codec. */
    private static volatile List<ValueCodec> codecs;
    private static volatile List<ValueCodec> discovered;
    private static volatile Interner keyInterner;

    private Providers() {
    }

    /** The arena provider of that name, or the configured default when {@code name} is null. */
    public static ArenaProvider arena(String name) {
        String wanted = name != null ? name : System.getProperty(ARENA_PROPERTY, DEFAULT_ARENA);
        return ARENAS.computeIfAbsent(wanted, n -> load(ArenaProvider.class, n, ArenaProvider::name));
    }

    /** Names of every arena provider found, sorted. */
    public static List<String> arenaNames() {
        return names(ArenaProvider.class, ArenaProvider::name);
    }

    /**
     * The codecs the engine chooses from when it writes: those of a {@code Codecs.use} override, or
     * else every value codec found plus the built-in UTF-8 codec and the engine's per-qube string
     * table ({@link StringTable}), in a fixed order (by name).
     */
    public static List<ValueCodec> codecs() {
        List<ValueCodec> c = codecs;
        return c != null ? c : discovered();
    }

    /** Every value codec found by {@link ServiceLoader} plus the built-in UTF-8 codec, by name. */
    private static List<ValueCodec> discovered() {
        List<ValueCodec> d = discovered;
        if (d == null) {
            List<ValueCodec> found = new ArrayList<>();
            found.add(FALLBACK);
            found.add(StringTable.INSTANCE); // the engine's own per-qube string table
            for (ValueCodec vc : ServiceLoader.load(ValueCodec.class, Providers.class.getClassLoader())) {
                if (found.stream().noneMatch(x -> x.name().equals(vc.name()))) {
                    found.add(vc);
                }
            }
            found.sort(Comparator.comparing(ValueCodec::name));
            discovered = d = List.copyOf(found);
        }
        return d;
    }

    /**
     * The codec of that name for reading stored value sets, or null: one of an override first
     * (a test may install a codec that is not a service), else any installed codec. Reading does
     * not depend on which codecs the engine currently chooses from when it writes.
     */
    public static ValueCodec codec(String name) {
        List<ValueCodec> override = codecs;
        if (override != null) {
            for (ValueCodec c : override) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        for (ValueCodec c : discovered()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Names of every codec {@link #codec} can find, sorted (for error messages). */
    public static List<String> readableCodecNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        List<ValueCodec> override = codecs;
        if (override != null) {
            override.forEach(c -> names.add(c.name()));
        }
        discovered().forEach(c -> names.add(c.name()));
        return List.copyOf(names);
    }

    /** The override set by {@code Codecs.use}, or null when the engine chooses among every discovered codec. */
    public static List<ValueCodec> codecOverride() {
        return codecs;
    }

    /**
     * Replaces the codec list the engine writes with (tests of codecs use this); null restores
     * discovery. Kept by name, like the discovered ones: of two encodings of equal size the one
     * first by name is chosen, whatever order the caller gave.
     */
    public static void overrideCodecs(List<ValueCodec> list) {
        if (list == null) {
            codecs = null;
            return;
        }
        List<ValueCodec> byName = new ArrayList<>(list);
        byName.sort(Comparator.comparing(ValueCodec::name));
        codecs = List.copyOf(byName);
    }

    private static final ValueCodec FALLBACK = new Utf8Codec();

    /** The built-in UTF-8 codec, used when no codec of an override can encode a value set. */
    public static ValueCodec fallbackCodec() {
        return FALLBACK;
    }

    /** The process-wide key interner. */
    public static Interner keys() {
        Interner k = keyInterner;
        if (k == null) {
            synchronized (Providers.class) {
                k = keyInterner;
                if (k == null) {
                    String wanted = System.getProperty(INTERNER_PROPERTY, DEFAULT_INTERNER);
                    InternerProvider p = DEFAULT_INTERNER.equals(wanted)
                            ? new ConcurrentInterner.Provider()
                            : load(InternerProvider.class, wanted, InternerProvider::name);
                    keyInterner = k = p.create();
                }
            }
        }
        return k;
    }

    private static <S> List<String> names(Class<S> type, Function<S, String> nameOf) {
        List<String> out = new ArrayList<>();
        for (ServiceLoader.Provider<S> p : ServiceLoader.load(type, Providers.class.getClassLoader()).stream().toList()) {
            ProviderName pn = p.type().getAnnotation(ProviderName.class);
            String n = pn != null ? pn.value() : nameOf.apply(p.get());
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        out.sort(null);
        return out;
    }

    private static <S> S load(Class<S> type, String wanted, Function<S, String> nameOf) {
        List<ServiceLoader.Provider<S>> all = ServiceLoader.load(type, Providers.class.getClassLoader()).stream().toList();
        List<ServiceLoader.Provider<S>> matching = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ServiceLoader.Provider<S> p : all) {
            ProviderName pn = p.type().getAnnotation(ProviderName.class);
            // only providers without the annotation have to be instantiated to learn their name
            String n = pn != null ? pn.value() : nameOf.apply(p.get());
            seen.add(n + " (" + p.type().getName() + ")");
            if (n.equals(wanted)) {
                matching.add(p);
            }
        }
        if (matching.isEmpty()) {
            throw new IllegalStateException("No " + type.getSimpleName() + " named '" + wanted + "' was found"
                    + (seen.isEmpty() ? "; none is installed" : "; found: " + String.join(", ", seen))
                    + ". Put a backend module (e.g. qube-arena-heap) on the class or module path, or pick"
                    + " another with -D" + (type == ArenaProvider.class ? ARENA_PROPERTY : INTERNER_PROPERTY) + "=NAME.");
        }
        matching.sort(Comparator.comparing(p -> p.type().getName()));
        if (matching.size() > 1) {
            LOG.log(Level.WARNING, "Several " + type.getSimpleName() + "s are named '" + wanted + "': "
                    + matching.stream().map(p -> p.type().getName()).toList() + "; using " + matching.get(0).type().getName());
        }
        return matching.get(0).get();
    }
}
