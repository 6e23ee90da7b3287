package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Metadata;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.tests.FormatRoundTrip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Binary format version 3: metadata in the image, validated when opened; images without metadata unchanged. */
class MetadataBinaryTest {

    private static Qube tagged() {
        return Qube.builder(RealDataTest.OPTIONS.arena())
                .add(Identifier.parse("class=od,param=1"), Metadata.of("location", "lumi"))
                .add(Identifier.parse("class=od,param=2"), Metadata.of(Map.of("location", List.of("lumi", "mn5"), "offset", List.of("4096"))))
                .add("class=rd,param=3")
                .build();
    }

    private static int header(byte[] image, int at) {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static void setHeader(byte[] image, int at, int value) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    private static void fixChecksum(byte[] image) {
        CRC32C crc = new CRC32C();
        crc.update(image, 0, image.length - 4);
        setHeader(image, image.length - 4, (int) crc.getValue());
    }

    @Test
    void metadataMakesAVersion3ImageAndNothingElseChanges() {
        try (Qube q = tagged(); Qube bare = q.withoutMetadata()) {
            byte[] with = FormatRoundTrip.write(q, QubeFormat.BINARY);
            byte[] without = FormatRoundTrip.write(bare, QubeFormat.BINARY);
            assertEquals(3, header(with, 8));
            assertNotEquals(0, header(with, 60), "the metadata block reference");
            assertTrue(header(without, 8) <= 2, "no metadata: the version-1 or -2 image of before");
            assertEquals(0, header(without, 60));
            try (Qube back = FormatRoundTrip.read(with, QubeFormat.BINARY, q.arenaName())) {
                assertEquals(q, back);
                assertEquals("location=lumi/mn5,offset=4096", back.metadata("class=od,param=2").orElseThrow().toString());
            }
        }
    }

    @Test
    void aDamagedMetadataBlockIsRejectedWhenOpened() {
        try (Qube q = tagged()) {
            byte[] image = FormatRoundTrip.write(q, QubeFormat.BINARY);
            long arenaOffset = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getLong(48);
            int block = header(image, 60);
            int at = (int) arenaOffset + block + 4; // first byte of the block: the encoding version
            image[at] = 9;
            fixChecksum(image);
            QubeFormatException e = assertThrows(QubeFormatException.class, () -> FormatRoundTrip.read(image, QubeFormat.BINARY, q.arenaName()));
            assertTrue(e.reason().contains("metadata"), e.getMessage());

            byte[] outside = FormatRoundTrip.write(q, QubeFormat.BINARY);
            setHeader(outside, 60, 1 << 30);
            fixChecksum(outside);
            e = assertThrows(QubeFormatException.class, () -> FormatRoundTrip.read(outside, QubeFormat.BINARY, q.arenaName()));
            assertTrue(e.reason().contains("metadata block reference"), e.getMessage());
        }
    }

    @Test
    void anOlderImageMayNotCarryAMetadataReference() {
        try (Qube q = tagged()) {
            byte[] image = FormatRoundTrip.write(q, QubeFormat.BINARY);
            setHeader(image, 8, 2);
            fixChecksum(image);
            QubeFormatException e = assertThrows(QubeFormatException.class, () -> FormatRoundTrip.read(image, QubeFormat.BINARY, q.arenaName()));
            assertTrue(e.reason().contains("reserved header field"), e.getMessage());
        }
    }

    /** A block claiming two billion sets is refused from its length, before anything that size is allocated. */
    @Test
    void aMetadataBlockCannotClaimMoreThanItHolds() {
        try (Qube q = tagged()) {
            byte[] image = FormatRoundTrip.write(q, QubeFormat.BINARY);
            long arenaOffset = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getLong(48);
            int at = (int) arenaOffset + header(image, 60);
            int length = header(image, at);
            byte[] hostile = {1, 1, 1, 'k', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
            assertTrue(length >= hostile.length, "the block is long enough to overwrite");
            java.util.Arrays.fill(image, at + 4, at + 4 + length, (byte) 0);
            System.arraycopy(hostile, 0, image, at + 4, hostile.length);
            fixChecksum(image);
            QubeFormatException e = assertThrows(QubeFormatException.class, () -> FormatRoundTrip.read(image, QubeFormat.BINARY, q.arenaName()));
            assertTrue(e.reason().contains("too short"), e.getMessage());
        }
    }
}
