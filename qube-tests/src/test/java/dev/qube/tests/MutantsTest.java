package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

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

    private static Outcome launch(Class<?> verification) {
        String tries = System.getProperty("qube.tries");
        String data = System.getProperty("qube.data");
        System.setProperty("qube.tries", TRIES);
        System.clearProperty("qube.data"); // R47 on 57K identifiers adds time, not teeth
        try {
            Map<String, Throwable> failed = new TreeMap<>();
            AtomicInteger succeeded = new AtomicInteger();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(verification)).build(),
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

    private static Outcome assertCaught(Class<?> verification, String rule) {
        Outcome o = launch(verification);
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
}
