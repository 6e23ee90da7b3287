package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.qube.tests.mutants.Verifications;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The suite has teeth: each deliberately broken backend is run through its verification class
 * (with the JUnit Platform launcher, as {@code mvn test} would run it) and must fail the rule it
 * breaks, while the rules it keeps still pass.
 */
class MutantsTest {

    /** Tries per property while a mutant is verified: enough to catch each of them, quick. */
    private static final String TRIES = "20";

    private record Outcome(Map<String, Throwable> failed, int succeeded) {
    }

    private static Outcome launch(Class<?> verification, String... rules) {
        String tries = System.getProperty("qube.tries");
        String data = System.getProperty("qube.data");
        System.setProperty("qube.tries", TRIES);
        System.clearProperty("qube.data"); // R47 on 57K identifiers adds time, not teeth
        try {
            Map<String, Throwable> failed = new TreeMap<>();
            AtomicInteger succeeded = new AtomicInteger();
            Launcher launcher = LauncherFactory.create();
            var request = LauncherDiscoveryRequestBuilder.request();
            if (rules.length == 0) {
                request.selectors(selectClass(verification));
            } else {
                for (String rule : rules) {
                    request.selectors(selectMethod(verification, rule));
                }
            }
            launcher.execute(request.build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (!id.isTest()) {
                                return;
                            }
                            String rule = id.getSource().filter(MethodSource.class::isInstance)
                                    .map(s -> ((MethodSource) s).getMethodName()).orElse(id.getDisplayName());
                            switch (result.getStatus()) {
                                case SUCCESSFUL -> succeeded.incrementAndGet();
                                case FAILED -> failed.put(rule, result.getThrowable().orElse(null));
                                case ABORTED -> { }
                            }
                        }
                    });
            return new Outcome(failed, succeeded.get());
        } finally {
            if (data != null) {
                System.setProperty("qube.data", data);
            }
            if (tries == null) {
                System.clearProperty("qube.tries");
            } else {
                System.setProperty("qube.tries", tries);
            }
        }
    }

    /**
     * Runs {@code verification} (only {@code alsoRun} and {@code rule} when {@code alsoRun} is
     * given, to keep the build short) and asserts that it fails {@code rule}, naming it.
     */
    private static Outcome assertCaught(Class<?> verification, String rule, String... alsoRun) {
        String[] rules = alsoRun.length == 0 ? new String[0] : java.util.stream.Stream.concat(java.util.stream.Stream.of(rule),
                java.util.Arrays.stream(alsoRun)).toArray(String[]::new);
        Outcome o = launch(verification, rules);
        assertTrue(o.failed().containsKey(rule), () -> verification.getSimpleName() + " should fail " + rule
                + " but failed " + o.failed().keySet());
        Throwable why = o.failed().get(rule);
        String number = rule.split("_")[1];
        assertTrue(why != null && String.valueOf(why.getMessage()).startsWith(number + " "),
                () -> "the failure of " + rule + " does not name it: " + why);
        assertTrue(o.succeeded() > 0, () -> verification.getSimpleName() + " passed no rule at all: a setup problem, not the mutant");
        return o;
    }

    @Test
    void arenaThatLosesWritesOnGrowthIsCaught() {
        Outcome o = assertCaught(Verifications.LosesWrites.class, "required_R38_growthKeepsWrittenBytes");
        assertFalse(o.failed().containsKey("required_R36_providerIsRegisteredUnderItsName"), "the mutant is registered");
    }

    /**
     * Metadata lives in arena bytes the engine writes (the arena never sees it as anything else):
     * an arena that loses written bytes loses metadata with them, and the metadata rules catch it.
     */
    @Test
    void arenaThatLosesMetadataIsCaughtByTheMetadataRules() {
        Outcome o = assertCaught(Verifications.LosesWrites.class, "required_R100_buildWithMetadata");
        assertTrue(o.failed().containsKey("required_R101_unionAgreesWithModel"), "and through union: " + o.failed().keySet());
    }

    @Test
    void arenaThatReusesMemoryAfterCloseIsCaught() {
        Outcome o = assertCaught(Verifications.ReusesMemory.class, "required_R43_closedMemoryIsNeverReused");
        // everything else about it is right: only the rule it breaks fails
        assertEquals(java.util.Set.of("required_R43_closedMemoryIsNeverReused"), o.failed().keySet());
    }

    @Test
    void codecWhosePartitionDropsAValueIsCaught() {
        Outcome o = assertCaught(Verifications.DropsValue.class, "required_R55_partitionEqualsModel");
        assertTrue(o.failed().containsKey("required_R56_sameCodecOperationsAgreeWithModel"), "and through the engine");
        assertFalse(o.failed().containsKey("required_R52_encodingIsLossless"), "its encoding is fine");
    }

    @Test
    void codecThatReordersIsCaught() {
        Outcome o = assertCaught(Verifications.Reorders.class, "required_R53_iterationIsCanonicalOrder");
        assertFalse(o.failed().containsKey("required_R52_encodingIsLossless"), "it loses no value");
    }

    @Test
    void internerThatMapsTwoTextsToOneIdIsCaught() {
        Outcome o = assertCaught(Verifications.Merging.class, "required_R61_differentTextsGetDifferentIds");
        assertFalse(o.failed().containsKey("required_R60_equalTextsGetEqualIds"), "equal texts still share ids");
    }
    // ---------------------------------------------------------------- size (issue #19, class 1)

    @Test
    void arenaThatCopiesOnlyAChunkOnGrowthIsCaught() {
        Outcome o = assertCaught(Verifications.PartialCopy.class, "required_R70_growthToSeveralMiBKeepsEveryByte",
                "required_R71_largeQubeAgreesWithModel", "required_R38_growthKeepsWrittenBytes", "required_R1_roundTripThroughModel");
        assertTrue(o.failed().containsKey("required_R71_largeQubeAgreesWithModel"), "and through the engine: " + o.failed().keySet());
        assertFalse(o.failed().containsKey("required_R38_growthKeepsWrittenBytes"), "small arenas are right, so R38 alone misses it");
        assertFalse(o.failed().containsKey("required_R1_roundTripThroughModel"), "small qubes are right");
    }

    @Test
    void arenaWithTooNarrowOffsetsIsCaught() {
        Outcome o = assertCaught(Verifications.NarrowOffsets.class, "required_R70_growthToSeveralMiBKeepsEveryByte",
                "required_R37_allocationsAreAlignedAndDisjoint", "required_R39_bytesInUseIsExact");
        assertFalse(o.failed().containsKey("required_R37_allocationsAreAlignedAndDisjoint"), "small arenas never overlap");
        assertTrue(o.failed().get("required_R70_growthToSeveralMiBKeepsEveryByte").getMessage().contains("overlaps"),
                () -> "R70 names the overlap: " + o.failed().get("required_R70_growthToSeveralMiBKeepsEveryByte").getMessage());
    }

    // ---------------------------------------------------------------- threads (issue #19, class 2)

    @Test
    void arenasSharingASpareArrayAreCaught() {
        // a race: R72 makes threads collide until they provably overlapped, yet on a 2-core machine loaded by
        // other processes one run has missed the lost update (twice in a week); three runs have not
        Outcome o = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Outcome run = launch(Verifications.SharedSpare.class, "required_R72_arenasAreIndependentAcrossThreads",
                    "required_R38_growthKeepsWrittenBytes", "required_R70_growthToSeveralMiBKeepsEveryByte");
            if (run.failed().containsKey("required_R72_arenasAreIndependentAcrossThreads") || attempt == 3) {
                o = run;
                break;
            }
        }
        Outcome last = o;
        assertTrue(last.failed().containsKey("required_R72_arenasAreIndependentAcrossThreads"),
                () -> "SharedSpare should fail R72 in one of three runs but failed " + last.failed().keySet());
        assertTrue(String.valueOf(last.failed().get("required_R72_arenasAreIndependentAcrossThreads").getMessage()).startsWith("R72 "),
                "the failure of R72 names it");
        assertTrue(last.succeeded() > 0, "SharedSpare passed no rule at all: a setup problem, not the mutant");
        assertFalse(o.failed().containsKey("required_R70_growthToSeveralMiBKeepsEveryByte"), "one thread at a time it is right");
    }

    @Test
    void threadConfinedArenaIsCaught() {
        Outcome o = assertCaught(Verifications.Confined.class, "required_R73_engineThreadsWorkOnTheBackend",
                "required_R1_roundTripThroughModel", "required_R70_growthToSeveralMiBKeepsEveryByte");
        assertFalse(o.failed().containsKey("required_R1_roundTripThroughModel"), "on one thread it is right");
        assertFalse(o.failed().containsKey("required_R70_growthToSeveralMiBKeepsEveryByte"), "on one thread it is right");
    }

    @Test
    void codecWithASharedScratchBufferIsCaught() {
        Outcome o = assertCaught(Verifications.SharedScratch.class, "required_R81_sameAnswersFromManyThreads",
                "required_R52_encodingIsLossless", "required_R80_adversarialTextsStayApart");
        assertFalse(o.failed().containsKey("required_R52_encodingIsLossless"), "on one thread it is right");
        assertFalse(o.failed().containsKey("required_R80_adversarialTextsStayApart"), "on one thread it is right");
    }

    @Test
    void internerWithoutSynchronisationIsCaught() {
        Outcome o = assertCaught(Verifications.Unsynchronised.class, "required_R91_contendedInterningAgrees",
                "required_R61_differentTextsGetDifferentIds", "required_R90_adversarialTextsGetDistinctIds");
        assertFalse(o.failed().containsKey("required_R90_adversarialTextsGetDistinctIds"), "on one thread it is right");
    }

    // ---------------------------------------------------------------- texts (issue #19, class 3)

    @Test
    void internerKeyedByHashCodeIsCaught() {
        Outcome o = assertCaught(Verifications.HashKeyed.class, "required_R90_adversarialTextsGetDistinctIds",
                "required_R60_equalTextsGetEqualIds");
        assertTrue(o.failed().get("required_R90_adversarialTextsGetDistinctIds").getMessage().contains("hashCode"),
                "R90 says the texts' hash codes are equal");
        assertFalse(o.failed().containsKey("required_R60_equalTextsGetEqualIds"), "equal texts still share ids");
    }

    @Test
    void codecWhoseContainsComparesHashesIsCaught() {
        Outcome o = assertCaught(Verifications.HashContains.class, "required_R80_adversarialTextsStayApart",
                "required_R52_encodingIsLossless");
        assertFalse(o.failed().containsKey("required_R52_encodingIsLossless"), "its encoding is fine");
    }
}
