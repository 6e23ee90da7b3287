package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Property;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reusable cursor streams exactly the identifiers, in the same canonical order as the stream. */
class CursorTest {

    @Test
    void identifiersLongerThanTheCursorsFirstArraysAreWhole() {
        for (int len : new int[] {15, 16, 17, 33}) {
            String[] kv = new String[2 * len];
            for (int i = 0; i < len; i++) {
                kv[2 * i] = "k" + i;
                kv[2 * i + 1] = Integer.toString(i);
            }
            Identifier id = Identifier.of(kv);
            try (Qube q = Qube.builder(ByteArrayArenaProvider.NAME).add(id).build()) {
                List<Identifier> seen = new ArrayList<>();
                q.forEachIdentifier(c -> seen.add(c.toIdentifier()));
                assertEquals(List.of(id), seen, "length " + len);
                assertEquals(List.of(id), q.identifiers().toList(), "stream, length " + len);
            }
        }
    }

    @Test
    void forEachIdentifierAgreesWithTheModel() {
        Property.forAll("cursor", QubeArbitraries.identifierSets(), ids -> {
            var b = Qube.builder(ByteArrayArenaProvider.NAME);
            ids.forEach(b::add);
            try (Qube q = b.build()) {
                List<Identifier> seen = new ArrayList<>();
                q.forEachIdentifier(c -> seen.add(c.toIdentifier()));
                assertEquals(Model.sorted(Model.of(ids)), seen);
                assertEquals(q.identifiers().toList(), seen);
            }
        });
    }

    /**
     * The stream's identifiers are made from the walk's reused path arrays without checking the
     * texts again: each must still be its own immutable value, equal (and hashing equal) to the
     * same identifier parsed from its text.
     */
    @Test
    void streamedIdentifiersAreIndependentValues() {
        Property.forAll("identifier stream", QubeArbitraries.identifierSets(), ids -> {
            var b = Qube.builder(ByteArrayArenaProvider.NAME);
            ids.forEach(b::add);
            try (Qube q = b.build()) {
                List<Identifier> streamed = q.identifiers().toList();
                for (Identifier id : streamed) {
                    Identifier again = Identifier.parse(id.toString());
                    assertEquals(again, id);
                    assertEquals(again.hashCode(), id.hashCode());
                    assertEquals(again.pairs(), id.pairs());
                }
                assertEquals(Model.sorted(Model.of(ids)), streamed);
            }
        });
    }
}
