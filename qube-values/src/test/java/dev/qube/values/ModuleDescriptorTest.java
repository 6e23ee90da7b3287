package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The codecs are registered both ways: {@code provides} in the module descriptor (module path) and
 * {@code META-INF/services} (class path), with the same classes; and on a real module layer,
 * {@link ServiceLoader} finds them by their stable names.
 */
class ModuleDescriptorTest {

    private static final Set<String> CODECS = Set.of("dev.qube.values.PackedCodec", "dev.qube.values.RangesCodec",
            "dev.qube.values.FloatCodec", "dev.qube.values.BitmapCodec");

    private static Path home(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void descriptorAndServiceFileNameTheSameCodecs() throws Exception {
        Path classes = home(PackedCodec.class);
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertEquals("dev.qube.values", d.name());
        assertTrue(d.exports().isEmpty(), "nothing is exported: codecs are reached through the SPI only");
        ModuleDescriptor.Provides p = d.provides().stream()
                .filter(x -> x.service().equals("dev.qube.spi.ValueCodec")).findFirst().orElseThrow();
        assertEquals(CODECS, new TreeSet<>(p.providers()));
        List<String> lines = Files.readAllLines(classes.resolve("META-INF/services/dev.qube.spi.ValueCodec"));
        assertEquals(CODECS, new TreeSet<>(lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList()));
    }

    @Test
    void serviceLoaderFindsTheCodecsOnTheModulePath() throws Exception {
        ModuleFinder finder = ModuleFinder.of(home(dev.qube.spi.ValueCodec.class), home(PackedCodec.class),
                home(org.roaringbitmap.RoaringBitmap.class), home(com.fasterxml.jackson.core.JsonFactory.class));
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.qube.values"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Class<?> spi = layer.findLoader("dev.qube.api").loadClass("dev.qube.spi.ValueCodec");
        List<String> names = new ArrayList<>();
        for (Object codec : ServiceLoader.load(layer, spi)) {
            names.add((String) spi.getMethod("name").invoke(codec));
        }
        names.sort(null);
        // the four of this module, and the built-in utf8 codec that qube-api registers itself
        assertEquals(List.of("bitmap", "floats", "packed", "ranges", "utf8"), names);
    }
}
