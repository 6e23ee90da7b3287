package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.internal.Providers;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.QubeLaws;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The whole conformance suite on the heap arena with this module's codecs (and the example codec) installed. */
class ValuesLawsTest extends QubeLaws {

    @BeforeAll
    static void codecsAreInstalled() {
        List<String> names = Providers.codecs().stream().map(ValueCodec::name).toList();
        assertTrue(names.containsAll(List.of("bitmap", "example-hours", "floats", "packed", "ranges", "utf8")),
                () -> "codecs found: " + names);
    }

    @Override
    protected String arena() {
        return "heap";
    }
}
