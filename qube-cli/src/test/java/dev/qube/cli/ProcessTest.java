package dev.qube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code qube} command as a process, run by {@code bash} with its standard streams as a shell
 * gives them: closed pipes, a full disk, closed standard input. What only a real process shows.
 */
class ProcessTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    /** Runs {@code qube ARGS} inside {@code shell} ({@code QUBE} stands for the command). */
    static Result shell(String shell) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String mp = System.getProperty("jdk.module.path");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        if (mp != null && !mp.isEmpty()) {
            cmd.addAll(List.of("--module-path", mp, "--add-modules", "java.se,jdk.unsupported,jdk.net,jdk.management",
                    "-m", "dev.qube.cli/dev.qube.cli.Main"));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.qube.cli.Main"));
        }
        StringBuilder q = new StringBuilder();
        for (String c : cmd) {
            q.append('\'').append(c.replace("'", "'\\''")).append("' ");
        }
        Process p = new ProcessBuilder("/bin/bash", "-c", shell.replace("QUBE", q.toString().trim()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[][] streams = new byte[2][];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                streams[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        streams[0] = p.getInputStream().readAllBytes();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        t.join();
        assertTrue(ended, "the command did not end");
        return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    Path bigIds(int n) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("class=od,date=").append(i).append(",param=").append(i * 7919L % 1000003).append('\n');
        }
        return Files.writeString(tmp.resolve("big.ids"), b);
    }

    @Test
    void idsIntoHeadEndsAtOnceAndQuietly() throws Exception {
        Path big = bigIds(300_000);
        Result r = shell("QUBE ids '" + big + "' | head -3; echo \"${PIPESTATUS[0]}\" >&2");
        assertEquals(3, r.out().lines().count(), r.out());
        assertEquals(String.valueOf(QubeCli.BROKEN_PIPE), r.err().strip(), "quiet, status of SIGPIPE: " + r.err());
    }

    @Test
    void aFullDeviceIsExitOneWithOneLine() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        Path big = bigIds(1000);
        Result r = shell("QUBE ids '" + big + "' > /dev/full");
        assertEquals(1, r.code(), r.err());
        assertEquals("qube: cannot write to standard output: No space left on device\n", r.err());
    }

    @Test
    void closedStandardInputIsNotReadAsTheJdksOwnFile() throws Exception {
        Result r = shell("QUBE count - <&-");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("qube: cannot read <stdin>: standard input is closed\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void processSubstitutionAndFifosAreRead() throws Exception {
        Path ids = Files.writeString(tmp.resolve("a.ids"), "class=od,param=1\nclass=od,param=2\n");
        Result r = shell("QUBE count <(cat '" + ids + "')");
        assertEquals(0, r.code(), r.err());
        assertEquals("2\n", r.out());
        Path fifo = tmp.resolve("fifo");
        Result f = shell("mkfifo '" + fifo + "' && { cat '" + ids + "' > '" + fifo + "' & } && QUBE count '" + fifo + "'");
        assertEquals(0, f.code(), f.err());
        assertEquals("2\n", f.out());
    }

    @Test
    void aTemporaryOutputFileIsRemovedWhenTheProcessIsTerminated() throws Exception {
        // a write long enough to be caught in the middle: ids of 8.6 million identifiers
        Path data = Path.of(System.getProperty("qube.data", "../shared/data"), "climate_dt_large.json.gz");
        assumeTrue(Files.isReadable(data), "needs the real data file " + data);
        Path out = tmp.resolve("out.ids");
        Result r = shell("QUBE convert '" + data + "' --to ids -o '" + out + "' & pid=$!; "
                + "for i in $(seq 600); do ls -a '" + tmp + "' | grep -q '^\\.out\\.ids\\..*\\.tmp$' && break; sleep 0.1; done; "
                + "ls -a '" + tmp + "' | grep -c '\\.tmp$' >&2; kill -TERM $pid; wait $pid; echo \"status $?\" >&2");
        assertTrue(r.err().startsWith("1\n"), "a temporary file was being written: " + r.err());
        try (var s = Files.list(tmp)) {
            assertEquals(java.util.List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "temporary files left: " + r.err());
        }
        assertTrue(!Files.exists(out), "no half-written output");
    }
}
