package dev.qube.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.arena.offheap.MappedArenas;
import dev.qube.arena.offheap.OffHeapArenas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A catalogue service in small: for {@code -Dqube.soak.seconds} (15 in a normal build, 180 with
 * {@code -Psoak}) it builds qubes on every backend, combines them (union, intersect, minus, xor,
 * many-way union, select, drop), writes and reads them back, keeps a rolling set of 24 live
 * qubes and drops the rest — most closed, every tenth heap, offheap or mapped qube left to the GC
 * and the Cleaner. Every few seconds it samples the heap after a full GC, the resident set size,
 * NMT's committed native memory and the live off-heap and mapped bytes. After a warm-up of a
 * quarter of the run, each must stay flat. Runs in a JVM of its own with a fixed, pre-touched
 * heap (see the pom), so the resident size moves only with native memory. Figures go to
 * {@code target/soak-figures.txt}.
 */
class SoakTest {

    private static final long MIB = 1 << 20;
    private static final String[] ARENAS = {"heap", "offheap", "mapped"};

    record Sample(double seconds, long ops, long heap, long rss, long nmt, long offheap, long mapped) {
    }

    @Test
    void buildingCombiningAndDroppingQubesKeepsHeapAndNativeMemoryFlat() throws Exception {
        long seconds = Long.getLong("qube.soak.seconds", 15);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // on a starved machine sampling is slow: run on (up to four times as long) until a trend can be read
        long hardEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(4 * seconds);
        long sampleEvery = TimeUnit.MILLISECONDS.toNanos(Math.max(500, seconds * 1000 / 20));
        SplittableRandom r = new SplittableRandom(42);
        List<Qube> live = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long nextSample = start;
        long ops = 0;
        long dropped = 0;
        while (System.nanoTime() < end || (samples.size() < 12 && System.nanoTime() < hardEnd)) {
            String arena = ARENAS[r.nextInt(ARENAS.length)];
            Qube made = switch (live.size() < 4 ? 0 : r.nextInt(9)) {
                case 0, 1 -> build(arena, r);
                case 2 -> pick(live, r).union(pick(live, r));
                case 3 -> pick(live, r).intersect(pick(live, r));
                case 4 -> pick(live, r).minus(pick(live, r));
                case 5 -> Qube.union(List.of(pick(live, r), pick(live, r), pick(live, r)));
                case 6 -> pick(live, r).select(Selection.parse("date=20240101/to/20240331,param=1/to/40"), SelectMode.RELAXED);
                case 7 -> pick(live, r).xor(pick(live, r)).drop("step");
                default -> roundTrip(pick(live, r), r);
            };
            ops++;
            live.add(made);
            while (live.size() > 24) {
                Qube q = live.remove(r.nextInt(live.size()));
                if (r.nextInt(10) == 0) {
                    dropped++; // left for the GC (heap) and the Cleaner (offheap, mapped)
                } else {
                    q.close();
                }
            }
            if (System.nanoTime() >= nextSample) {
                samples.add(sample(start, ops, samples.size() % 5 == 0)); // NMT (a jcmd run) every fifth sample
                nextSample = System.nanoTime() + sampleEvery; // sampling (a GC, jcmd) takes time of its own
            }
        }
        live.forEach(Qube::close);
        live.clear();
        samples.add(sample(start, ops, true));
        // what the GC and the Cleaner still hold from dropped qubes is freed in the end
        for (int i = 0; i < 50 && OffHeapArenas.liveBytes() + MappedArenas.liveBytes() > 0; i++) {
            System.gc();
            Thread.sleep(100);
        }

        int warm = samples.size() / 4;
        Sample w = samples.get(warm);
        Sample last = samples.getLast();
        long heapMax = samples.subList(warm, samples.size()).stream().mapToLong(Sample::heap).max().orElse(0);
        long rssMax = samples.subList(warm, samples.size()).stream().mapToLong(Sample::rss).max().orElse(0);
        long nmtMax = samples.subList(warm, samples.size()).stream().mapToLong(Sample::nmt).max().orElse(0);
        long nmtWarm = samples.subList(0, warm + 1).reversed().stream().mapToLong(Sample::nmt).filter(x -> x > 0).findFirst().orElse(-1);
        StringBuilder f = new StringBuilder();
        f.append(String.format(Locale.ROOT, "soak: %d s, %d operations (%.0f/s), %d qubes dropped without close%n",
                seconds, ops, ops / ((System.nanoTime() - start) / 1e9), dropped));
        f.append(String.format(Locale.ROOT, "after warm-up (%.0f s): heap after GC %.1f MiB, RSS %.1f MiB, NMT committed %.1f MiB%n",
                w.seconds(), w.heap() / (double) MIB, w.rss() / (double) MIB, nmtWarm / (double) MIB));
        f.append(String.format(Locale.ROOT, "highest after warm-up: heap %.1f MiB (%+.1f), RSS %.1f MiB (%+.1f), NMT %.1f MiB (%+.1f)%n",
                heapMax / (double) MIB, (heapMax - w.heap()) / (double) MIB, rssMax / (double) MIB, (rssMax - w.rss()) / (double) MIB,
                nmtMax / (double) MIB, (nmtMax - nmtWarm) / (double) MIB));
        f.append(String.format(Locale.ROOT, "end: live off-heap %d bytes, live mapped %d bytes, leaked (freed by the Cleaner): offheap %d, mapped %d%n",
                OffHeapArenas.liveBytes(), MappedArenas.liveBytes(), OffHeapArenas.leakedArenas(), MappedArenas.leakedArenas()));
        f.append("samples (s, ops, heap MiB, RSS MiB, NMT MiB, offheap KiB, mapped KiB):\n");
        for (Sample s : samples) {
            f.append(String.format(Locale.ROOT, "  %6.1f %8d %7.1f %7.1f %7.1f %8d %8d%n", s.seconds(), s.ops(), s.heap() / (double) MIB,
                    s.rss() / (double) MIB, s.nmt() / (double) MIB, s.offheap() >> 10, s.mapped() >> 10));
        }
        Path out = Path.of("target", "soak-figures.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, f.toString(), StandardCharsets.UTF_8);
        System.out.print("[soak] " + f.toString().replace("\n", "\n[soak] ").stripTrailing() + "\n");

        assertTrue(samples.size() >= 8, "too few samples for a trend");
        assertEquals(0, OffHeapArenas.liveBytes(), "every off-heap qube was freed, by close or by the Cleaner");
        assertEquals(0, MappedArenas.liveBytes(), "every mapped qube was unmapped, by close or by the Cleaner");
        assertTrue(heapMax - w.heap() < 32 * MIB, "heap after GC grew by " + (heapMax - w.heap()) / MIB + " MiB:\n" + f);
        if (w.rss() > 0) {
            assertTrue(rssMax - w.rss() < 96 * MIB, "resident memory grew by " + (rssMax - w.rss()) / MIB + " MiB:\n" + f);
        }
        if (nmtWarm > 0) {
            assertTrue(nmtMax - nmtWarm < 64 * MIB, "committed native memory grew by " + (nmtMax - nmtWarm) / MIB + " MiB:\n" + f);
        }
    }

    private static Qube pick(List<Qube> live, SplittableRandom r) {
        return live.get(r.nextInt(live.size()));
    }

    /** Between a few hundred and some thousands of identifiers, values drawn from wide pools. */
    private static Qube build(String arena, SplittableRandom r) {
        var b = Qube.builder(arena);
        int n = 200 + r.nextInt(3_000);
        for (int i = 0; i < n; i++) {
            b.add(Identifier.of("class", r.nextBoolean() ? "od" : "rd",
                    "expver", Integer.toString(1 + r.nextInt(40)),
                    "date", String.format("2024%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)),
                    "param", Integer.toString(1 + r.nextInt(r.nextBoolean() ? 60 : 100_000)),
                    "step", Integer.toString(6 * r.nextInt(40))));
        }
        return b.build();
    }

    private static Qube roundTrip(Qube q, SplittableRandom r) throws IOException {
        QubeFormat f = List.of(QubeFormat.BINARY, QubeFormat.TREE_JSON, QubeFormat.ASCII).get(r.nextInt(3));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        QubeIO.write(q, f, b);
        return QubeIO.read(new ByteArrayInputStream(b.toByteArray()), "<soak>", f,
                ReadOptions.defaults().withArena(ARENAS[r.nextInt(ARENAS.length)]));
    }

    private static Sample sample(long start, long ops, boolean nmt) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Sample((System.nanoTime() - start) / 1e9, ops, heap, rssBytes(), nmt ? nmtCommittedBytes() : -1,
                OffHeapArenas.liveBytes(), MappedArenas.liveBytes());
    }

    /** Resident set size of this process from /proc (Linux), or -1. */
    static long rssBytes() {
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

    private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

    /** Committed bytes of all Native Memory Tracking categories, via jcmd, or -1 when unavailable. */
    static long nmtCommittedBytes() {
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
            Matcher m = TOTAL.matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
