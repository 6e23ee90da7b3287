package dev.qube.values;

import dev.qube.spi.ValueCodec;
import dev.qube.tests.CodecVerification;
import dev.qube.tests.property.Gen;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * Every codec of this module passes the conformance suite's codec rules, on value sets drawn from
 * the families the codecs are built for (dense and stepped integers, dates, times, date-times,
 * floats, look-alikes) as well as the suite's own.
 */
class CodecVerificationsTest {

    /** The suite with this module's value families. */
    abstract static class Base extends CodecVerification {
        @Override
        protected Gen<List<String>> valueSets() {
            return ValueSets.valueSets();
        }
    }

    @Nested
    class Packed extends Base {
        @Override
        protected ValueCodec codec() {
            return new PackedCodec();
        }
    }

    @Nested
    class Ranges extends Base {
        @Override
        protected ValueCodec codec() {
            return new RangesCodec();
        }
    }

    @Nested
    class Bitmap extends Base {
        @Override
        protected ValueCodec codec() {
            return new BitmapCodec();
        }
    }

    @Nested
    class Floats extends Base {
        @Override
        protected ValueCodec codec() {
            return new FloatCodec();
        }
    }

    @Nested
    class ExampleHours extends CodecVerification {
        @Override
        protected ValueCodec codec() {
            return new dev.qube.values.example.HoursCodec();
        }

        /** Mostly sets of two-digit hours, the texts this codec is for, sometimes with another text. */
        @Override
        protected Gen<List<String>> valueSets() {
            return new Gen<>() {
                @Override
                public List<String> next(java.util.SplittableRandom r, int size) {
                    java.util.TreeSet<String> out = new java.util.TreeSet<>(dev.qube.ValueOrder.INSTANCE);
                    int n = 1 + r.nextInt(24);
                    for (int i = 0; i < n; i++) {
                        out.add(String.format("%02d", r.nextInt(24)));
                    }
                    if (r.nextInt(5) == 0) {
                        out.add(List.of("24", "7", "007", "x").get(r.nextInt(4)));
                    }
                    return List.copyOf(out);
                }
            };
        }
    }
}
