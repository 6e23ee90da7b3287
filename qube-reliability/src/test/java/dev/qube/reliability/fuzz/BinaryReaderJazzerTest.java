package dev.qube.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the binary reader with Jazzer. In a normal build (regression mode) it
 * replays the inputs under {@code src/test/resources/dev/qube/reliability/fuzz/BinaryReaderJazzerTestInputs/}
 * — valid images written with the value codecs installed — and takes well under a second. With
 * {@code JAZZER_FUZZ=1} Jazzer mutates them, guided by coverage, for {@code maxDuration}; see
 * docs/RELIABILITY.md for the command and what it found. The oracle is the one of {@link FuzzTest}:
 * load and be self-consistent, or a {@link QubeFormatException} at a byte offset inside the input.
 */
class BinaryReaderJazzerTest {

    @FuzzTest(maxDuration = "3m")
    void binaryReader(byte[] input) throws IOException {
        try (Qube q = QubeIO.read(new ByteArrayInputStream(input), "<jazzer>", QubeFormat.BINARY, ReadOptions.defaults())) {
            String inconsistent = Oracle.selfCheck(q);
            if (inconsistent != null) {
                throw new AssertionError(inconsistent);
            }
        } catch (QubeFormatException e) {
            String bad = Oracle.badPosition(e, Oracle.gzip(input) ? -1 : input.length);
            if (bad != null) {
                throw new AssertionError(bad, e);
            }
        }
    }
}
