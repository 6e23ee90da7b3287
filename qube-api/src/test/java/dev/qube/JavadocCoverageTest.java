package dev.qube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every public or protected declaration in a package some module exports to everyone has a doc
 * comment. (The javadoc build fails on broken references and bad HTML; doclint's "missing" group
 * would also demand every {@code @param} and {@code @return}, so a missing comment is checked
 * here instead, on the sources of every module of the reactor.)
 */
class JavadocCoverageTest {

    private static final Pattern EXPORT = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(public|protected)\\s+(?!.*\\s=\\s)(?:[\\w<>,?\\[\\]. @]+\\s)?[\\w<>\\[\\]]+\\s*[({]?.*$");

    @Test
    void everyPublicMemberOfAnExportedPackageIsDocumented() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.exists(root.resolve("qube-api/src/main/java/module-info.java")), "not in the reactor");
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.filter(p -> Files.exists(p.resolve("src/main/java/module-info.java"))).sorted().toList()) {
                Path src = m.resolve("src/main/java");
                Matcher x = EXPORT.matcher(Files.readString(src.resolve("module-info.java")));
                while (x.find()) {
                    Path pkg = src.resolve(x.group(1).replace('.', '/'));
                    try (Stream<Path> files = Files.list(pkg)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                            check(root, f, undocumented);
                        }
                    }
                }
            }
        }
        assertTrue(undocumented.isEmpty(), () -> undocumented.size() + " public declarations without a doc comment:\n  "
                + String.join("\n  ", undocumented));
    }

    /** Public or protected declarations whose previous non-blank, non-annotation line does not end a doc comment. */
    private static void check(Path root, Path file, List<String> out) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int depthOfPrivate = -1; // brace depth at which a private or package-private nested type began
        int depth = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            boolean declaration = DECLARATION.matcher(line).matches() && !t.startsWith("public static void main(")
                    && !t.contains(" record ") || t.matches("^(public|protected)\\s.*\\brecord\\b.*");
            if (depthOfPrivate < 0 && declaration && !t.startsWith("@") && !documented(lines, i)
                    && !t.startsWith("public String toString()") && !t.startsWith("public boolean equals(")
                    && !t.startsWith("public int hashCode()") && !overrides(lines, i)) {
                out.add(root.relativize(file) + ":" + (i + 1) + ": " + t);
            }
            if (depthOfPrivate < 0 && t.matches("^(private |final |static |abstract |sealed )*(class|interface|enum|record)\\s.*")) {
                depthOfPrivate = depth;
            }
            depth += count(line, '{') - count(line, '}');
            if (depthOfPrivate >= 0 && depth <= depthOfPrivate) {
                depthOfPrivate = -1;
            }
        }
    }

    private static boolean overrides(List<String> lines, int i) {
        for (int j = i - 1; j >= 0; j--) {
            String t = lines.get(j).strip();
            if (t.startsWith("@Override")) {
                return true;
            }
            if (!t.startsWith("@")) {
                return false;
            }
        }
        return false;
    }

    private static boolean documented(List<String> lines, int i) {
        int open = 0; // parentheses closed below and not yet opened: inside an annotation's arguments over several lines
        for (int j = i - 1; j >= 0; j--) {
            String t = lines.get(j).strip();
            open += count(t, ')') - count(t, '(');
            if (open > 0 || t.isEmpty() || t.startsWith("@") || t.startsWith("//")) {
                continue;
            }
            return t.endsWith("*/") && docStart(lines, j);
        }
        return false;
    }

    private static boolean docStart(List<String> lines, int end) {
        for (int j = end; j >= 0; j--) {
            String t = lines.get(j).strip();
            if (t.startsWith("/**")) {
                return true;
            }
            if (t.startsWith("/*")) {
                return false;
            }
        }
        return false;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
