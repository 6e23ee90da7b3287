package dev.qube.hazelcast.internal;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A qube to and from its {@code binary} image: the form every qube crosses the network and rests in a map in. */
public final class Images {

    private Images() {
    }

    /** The binary image of {@code q}. */
    public static byte[] toBytes(Qube q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QubeIO.write(q, QubeFormat.BINARY, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The qube of a binary image, on the default backend. */
    public static Qube fromBytes(byte[] image, String source) {
        try {
            return QubeIO.read(new ByteArrayInputStream(image), source, QubeFormat.BINARY, ReadOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
