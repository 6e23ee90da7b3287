package dev.qube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code qube-bom} lists every library of the reactor (each module with a module-info), at the reactor's version. */
class BomTest {

    @Test
    void bomListsEveryLibraryAtTheReactorVersion() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path bom = root.resolve("qube-bom/pom.xml");
        Assumptions.assumeTrue(Files.exists(bom), "not in the reactor");
        String parent = Files.readString(root.resolve("pom.xml"));
        List<String> libraries = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(parent);
        while (m.find()) {
            if (Files.exists(root.resolve(m.group(1)).resolve("src/main/java/module-info.java"))) {
                libraries.add(m.group(1));
            }
        }
        String text = Files.readString(bom);
        List<String> listed = new ArrayList<>();
        Matcher a = Pattern.compile("<artifactId>([\\w-]+)</artifactId>\\s*<version>\\$\\{project.version}</version>").matcher(text);
        while (a.find()) {
            listed.add(a.group(1));
        }
        assertEquals(new TreeSet<>(libraries), new TreeSet<>(listed), "libraries of the reactor against qube-bom");
        Matcher v = Pattern.compile("<artifactId>qube-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parent);
        Matcher bv = Pattern.compile("<artifactId>qube-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(text);
        Assumptions.assumeTrue(v.find() && bv.find());
        assertEquals(v.group(1), bv.group(1), "qube-bom's version is the reactor's");
    }
}
