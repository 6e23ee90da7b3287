package dev.qube.tests;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.InternerProvider;
import dev.qube.spi.ProviderName;
import dev.qube.spi.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What {@link ServiceLoader} finds, as the engine finds it, minus the providers named by the
 * system property {@value #EXCLUDE_PROPERTY} (a regular expression over provider names; the suite's
 * own tests use it to keep their deliberately broken backends out of discovery-driven runs).
 */
final class Discovery {

    static final String EXCLUDE_PROPERTY = "qube.conformance.exclude";

    private Discovery() {
    }

    static boolean excluded(String name) {
        String regex = System.getProperty(EXCLUDE_PROPERTY, "");
        return !regex.isEmpty() && Pattern.compile(regex).matcher(name).matches();
    }

    /** Every arena provider found, by name, excluded ones left out; one per name. */
    static List<ArenaProvider> arenas() {
        return load(ArenaProvider.class, ArenaProvider::name);
    }

    static List<String> arenaNames() {
        return arenas().stream().map(ArenaProvider::name).toList();
    }

    static List<ValueCodec> codecs() {
        return load(ValueCodec.class, ValueCodec::name);
    }

    static List<InternerProvider> interners() {
        return load(InternerProvider.class, InternerProvider::name);
    }

    /** Every provider of {@code type} on the engine's class loader, as (declared name, type). */
    static <S> List<ServiceLoader.Provider<S>> raw(Class<S> type) {
        return ServiceLoader.load(type, ArenaProvider.class.getClassLoader()).stream().toList();
    }

    /** The declared ({@link ProviderName}) or else reported name of a provider. */
    static <S> String nameOf(ServiceLoader.Provider<S> p, Function<S, String> name) {
        ProviderName pn = p.type().getAnnotation(ProviderName.class);
        return pn != null ? pn.value() : name.apply(p.get());
    }

    private static <S> List<S> load(Class<S> type, Function<S, String> name) {
        List<S> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ServiceLoader.Provider<S> p : raw(type)) {
            S s = p.get();
            String n = name.apply(s);
            if (!excluded(n) && !seen.contains(n)) {
                seen.add(n);
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparing(name));
        return out;
    }

    /**
     * The backend engine-level codec rules run on: {@code -Dqube.arena} if set, else {@code heap}
     * if found, else the first arena found.
     */
    static String defaultArena() {
        String p = System.getProperty("qube.arena");
        if (p != null) {
            return p;
        }
        List<String> names = arenaNames();
        if (names.contains("heap") || names.isEmpty()) {
            return "heap";
        }
        return names.getFirst();
    }
}
