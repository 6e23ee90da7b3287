package dev.qube.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.JobStatus;
import dev.qube.Qube;
import dev.qube.QubeIO;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member killed in the middle of a build: the build fails clearly or recovers, never a partial result. */
class MemberLossTest {

    @TempDir
    Path tmp;

    /** A listing of {@code n} identifiers over a few keys, in the ids format. */
    static Path synthetic(Path file, int n) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < n; i++) {
                w.write("class=od,expver=" + (i % 7) + ",date=" + (20240101 + i % 29) + ",step=" + (i / 203 % 37)
                        + ",param=" + (i * 31 % 9973) + "\n");
            }
        }
        return file;
    }

    @Test
    void killingAMemberMidBuildFailsTheBuildOrGivesTheWholeResult() throws Exception {
        Path f = synthetic(tmp.resolve("big.ids"), 200_000);
        Qube local = QubeIO.read(f);
        String name = "qube-loss-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        HazelcastInstance a = Hazelcast.newHazelcastInstance(QubeCluster.memberConfig(name));
        HazelcastInstance b = Hazelcast.newHazelcastInstance(QubeCluster.memberConfig(name));
        System.err.printf("member loss: 2 members up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (QubeCluster cluster = QubeCluster.of(a).pieceLines(1_000)) {
            assertEquals(2, cluster.members());
            CompletableFuture<Qube> build = CompletableFuture.supplyAsync(() -> cluster.build(List.of(f)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (a.getJet().getJobs().stream().noneMatch(j -> j.getStatus() == JobStatus.RUNNING)
                    && !build.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            boolean killedMidJob = !build.isDone();
            b.getLifecycleService().terminate();
            long killed = System.nanoTime();
            try {
                Qube q = build.get(120, TimeUnit.SECONDS);
                // recovered (Jet restarted the job on the remaining member): it must be the whole result
                assertEquals(local, q);
                assertEquals(local.toString(), q.toString());
                System.err.println("member loss: the job recovered; killed mid-job: " + killedMidJob);
                System.err.printf("member loss: result %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof QubeBuildException, String.valueOf(e.getCause()));
                assertTrue(e.getCause().getMessage().startsWith("the distributed build of"), e.getCause().getMessage());
                System.err.println("member loss: the build failed: " + e.getCause().getMessage());
            }
        } finally {
            b.getLifecycleService().terminate();
            a.shutdown();
        }
    }
}
