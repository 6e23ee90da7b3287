package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.TreeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Builds and closes many qubes of about 1 MB each ({@code -Dqube.soak.qubes}, 300 in a normal
 * build, 10,000 with {@code -Psoak}) and shows that native memory does not pile up: the live
 * off-heap gauge is back to zero after every close, and the process's resident memory and its
 * natively tracked "Other" memory (where {@code java.lang.foreign} allocations are counted) stay
 * flat after warm-up. Runs in its own JVM with a fixed, pre-touched heap (see the pom), so the
 * resident size moves only with native memory. Figures go to {@code target/soak-figures.txt}.
 */
class OffHeapSoakTest {

    private static final int EXPVERS = 1700;
    private static final int PARAMS = 50;
    private static final long MIB = 1 << 20;

    @Test
    void buildingAndClosingManyQubesLeavesNativeMemoryFlat() throws IOException {
        int n = Integer.getInteger("qube.soak.qubes", 300);
        assertTrue(n >= 20, "qube.soak.qubes must be at least 20");
        assertEquals(0, OffHeapArenas.liveBytes(), "the soak runs in a JVM of its own");
        int warmUp = Math.max(10, n / 10);
        long rss0 = rssBytes();
        long rssWarm = -1;
        long otherWarm = -1;
        long otherOpen = -1;
        long liveOpen = -1;
        long usedSum = 0;
        long peakLive = 0;
        List<String> samples = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Qube q = build(i);
            try {
                long used = q.bytesInUse();
                assertTrue(used > 900_000 && used < 1_200_000, "about 1 MB per qube, was " + used);
                usedSum += used;
                peakLive = Math.max(peakLive, OffHeapArenas.liveBytes());
                if (i + 1 == warmUp) {
                    // the measure must see off-heap memory, or its flatness proves nothing
                    liveOpen = OffHeapArenas.liveBytes();
                    otherOpen = nmtOtherBytes();
                }
                if (i % 97 == 0) {
                    assertEquals((long) EXPVERS * PARAMS, q.count());
                }
            } finally {
                q.close();
            }
            assertEquals(0, OffHeapArenas.liveBytes(), "live off-heap bytes back to zero after qube " + i);
            assertEquals(0, OffHeapArenas.liveArenas());
            if (i + 1 == warmUp) {
                rssWarm = rssBytes();
                otherWarm = nmtOtherBytes();
            }
            if ((i + 1) % Math.max(1, n / 10) == 0) {
                samples.add(String.format(Locale.ROOT, "after %6d qubes: RSS %7.1f MiB", i + 1, rssBytes() / (double) MIB));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rssEnd = rssBytes();
        long otherEnd = nmtOtherBytes();
        assertEquals(0, OffHeapArenas.leakedArenas(), "every qube was closed, none left to the Cleaner");

        StringBuilder f = new StringBuilder();
        f.append(String.format(Locale.ROOT, "qubes built and closed: %d, mean bytes in use per qube: %d (%.2f MiB)%n",
                n, usedSum / n, usedSum / (double) n / MIB));
        f.append(String.format(Locale.ROOT, "native bytes built and freed: %.1f GiB; largest live off-heap bytes with one qube open: %.2f MiB; live after all closed: %d%n",
                usedSum / (double) (1L << 30), peakLive / (double) MIB, OffHeapArenas.liveBytes()));
        f.append(String.format(Locale.ROOT, "time: %.1f s (%.2f ms per qube, build + checks + close)%n", seconds, 1000 * seconds / n));
        f.append(String.format(Locale.ROOT, "RSS: start %.1f MiB, after %d warm-up qubes %.1f MiB, end %.1f MiB (end - warm-up: %+.1f MiB)%n",
                rss0 / (double) MIB, warmUp, rssWarm / (double) MIB, rssEnd / (double) MIB, (rssEnd - rssWarm) / (double) MIB));
        f.append(otherWarm < 0 || otherEnd < 0 ? "NMT: not available (run with -XX:NativeMemoryTracking=summary)\n"
                : String.format(Locale.ROOT, "NMT Other (committed): with one qube open %.2f MiB (gauge %.2f MiB);"
                        + " after warm-up %.1f MiB, end %.1f MiB (%+.1f MiB)%n", otherOpen / (double) MIB, liveOpen / (double) MIB,
                        otherWarm / (double) MIB, otherEnd / (double) MIB, (otherEnd - otherWarm) / (double) MIB));
        samples.forEach(s -> f.append(s).append('\n'));
        Path out = Path.of("target", "soak-figures.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, f.toString(), StandardCharsets.UTF_8);
        System.out.print("[soak] " + f.toString().replace("\n", "\n[soak] ").stripTrailing() + "\n");

        if (rssWarm > 0) {
            assertTrue(rssEnd - rssWarm < 64 * MIB, "resident memory grew by " + (rssEnd - rssWarm) / MIB + " MiB:\n" + f);
        }
        if (otherWarm >= 0 && otherEnd >= 0 && otherOpen >= 0) {
            assertTrue(otherOpen >= liveOpen, "NMT sees the open qube's native memory:\n" + f);
            assertTrue(otherEnd - otherWarm < 16 * MIB, "native memory grew by " + (otherEnd - otherWarm) / MIB + " MiB:\n" + f);
        }
    }

    /** A qube of {@value #EXPVERS} datacubes whose value sets all differ: nothing to share, about 1 MB. */
    private static Qube build(int i) {
        TreeBuilder tb = Qube.treeBuilder("offheap");
        tb.begin("class", List.of("c" + i));
        List<String> values = new ArrayList<>(PARAMS);
        for (int e = 0; e < EXPVERS; e++) {
            tb.begin("expver", List.of(Integer.toString(e)));
            values.clear();
            int base = e * PARAMS;
            for (int p = 0; p < PARAMS; p++) {
                values.add("p" + (base + p));
            }
            tb.begin("param", values).end();
            tb.end();
        }
        tb.end();
        return tb.build();
    }

    /** Resident set size of this process from /proc (Linux), or -1. */
    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static final Pattern OTHER = Pattern.compile("-\\s+Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    /** Committed bytes of Native Memory Tracking's "Other" category, via jcmd, or -1 when unavailable. */
    private static long nmtOtherBytes() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                    "VM.native_memory", "summary").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            Matcher m = OTHER.matcher(text);
            return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
