package dev.qube.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The FDB listing ({@code fdb_list_porcelain.gz}) held in memory: its identifier lines, whole and in halves. */
final class Listing {
    private Listing() {
    }

    /** The identifier lines (those starting with '{'), in file order. */
    static List<String> lines() {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(Data.bytes("fdb_list_porcelain.gz")))) {
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.startsWith("{")) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines joined back into one listing, as the fdb reader sees a file. */
    static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
