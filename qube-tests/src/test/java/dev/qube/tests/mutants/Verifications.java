package dev.qube.tests.mutants;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.InternerProvider;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.ArenaVerification;
import dev.qube.tests.CodecVerification;
import dev.qube.tests.InternerVerification;

/**
 * The suite pointed at each broken backend, as a third party would point it at theirs. These
 * classes are not run by surefire (their names do not end in Test); {@code MutantsTest} launches
 * each one and expects it to fail.
 */
public final class Verifications {
    private Verifications() {
    }

    /** The arena suite on {@link LosesWritesOnGrowthArena}. */
    public static final class LosesWrites extends ArenaVerification {
        @Override
        protected ArenaProvider provider() {
            return new LosesWritesOnGrowthArena();
        }
    }

    /** The arena suite on {@link ReusesMemoryAfterCloseArena}. */
    public static final class ReusesMemory extends ArenaVerification {
        @Override
        protected ArenaProvider provider() {
            return new ReusesMemoryAfterCloseArena();
        }
    }

    /** The codec suite on {@link DropsPartitionValueCodec}. */
    public static final class DropsValue extends CodecVerification {
        @Override
        protected ValueCodec codec() {
            return new DropsPartitionValueCodec();
        }
    }

    /** The codec suite on {@link ReorderingCodec}. */
    public static final class Reorders extends CodecVerification {
        @Override
        protected ValueCodec codec() {
            return new ReorderingCodec();
        }
    }

    /** The interner suite on {@link MergingInterner}. */
    public static final class Merging extends InternerVerification {
        @Override
        protected InternerProvider provider() {
            return new MergingInterner();
        }
    }
    /** The arena suite on {@link PartialCopyOnGrowthArena}. */
    public static final class PartialCopy extends ArenaVerification {
        @Override
        protected ArenaProvider provider() {
            return new PartialCopyOnGrowthArena();
        }
    }

    /** The arena suite on {@link NarrowOffsetArena}. */
    public static final class NarrowOffsets extends ArenaVerification {
        @Override
        protected ArenaProvider provider() {
            return new NarrowOffsetArena();
        }
    }

    /** The arena suite on {@link SharedSpareArena}. */
    public static final class SharedSpare extends ArenaVerification {
        @Override
        protected ArenaProvider provider() {
            return new SharedSpareArena();
        }
    }

    /** The arena suite on {@link ConfinedArena}. */
    public static final class Confined extends ArenaVerification {
        @Override
        protected ArenaProvider provider() {
            return new ConfinedArena();
        }
    }

    /** The codec suite on {@link SharedScratchCodec}. */
    public static final class SharedScratch extends CodecVerification {
        @Override
        protected ValueCodec codec() {
            return new SharedScratchCodec();
        }
    }

    /** The codec suite on {@link HashContainsCodec}. */
    public static final class HashContains extends CodecVerification {
        @Override
        protected ValueCodec codec() {
            return new HashContainsCodec();
        }
    }

    /** The interner suite on {@link HashKeyedInterner}. */
    public static final class HashKeyed extends InternerVerification {
        @Override
        protected InternerProvider provider() {
            return new HashKeyedInterner();
        }
    }

    /** The interner suite on {@link UnsynchronisedInterner}. */
    public static final class Unsynchronised extends InternerVerification {
        @Override
        protected InternerProvider provider() {
            return new UnsynchronisedInterner();
        }
    }
}
