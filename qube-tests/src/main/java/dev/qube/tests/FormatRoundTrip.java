package dev.qube.tests;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads qubes in memory through {@link QubeIO}, for the format round-trip rule. */
public final class FormatRoundTrip {
    private FormatRoundTrip() {
    }

    /** Every format that can be read and written and whose reader and writer are installed. */
    public static List<QubeFormat> installed() {
        List<QubeFormat> out = new ArrayList<>();
        for (QubeFormat f : QubeFormat.values()) {
            if (QubeIO.canRead(f) && QubeIO.canWrite(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** The qube written in format {@code f}. */
    public static byte[] write(Qube q, QubeFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QubeIO.write(q, f, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads bytes written in format {@code f} onto the backend {@code arena}. */
    public static Qube read(byte[] bytes, QubeFormat f, String arena) {
        try {
            return QubeIO.read(new ByteArrayInputStream(bytes), "<" + f.id() + ">", f, ReadOptions.defaults().withArena(arena));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
