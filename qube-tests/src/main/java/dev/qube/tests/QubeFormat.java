package dev.qube.tests;

import dev.qube.Qube;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A form a qube is written in and read back from. The format rule of {@link ArenaVerification}
 * round-trips every qube through each format of {@link #all()}.
 */
public interface QubeFormat {

    /** A short name for failure messages. */
    String name();

    /** The qube written in this format. */
    byte[] write(Qube qube);

    /**
     * The qube read back onto the backend named {@code arena}.
     *
     * @param source name of the input for error messages
     */
    Qube read(byte[] bytes, String source, String arena);

    /** The ASCII tree: {@link Qube#toString()} read by {@link Qube#parse(java.io.Reader, String, String)}. */
    QubeFormat ASCII = new QubeFormat() {
        @Override
        public String name() {
            return "ascii";
        }

        @Override
        public byte[] write(Qube qube) {
            return qube.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Qube read(byte[] bytes, String source, String arena) {
            return Qube.parse(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), source, arena);
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /**
     * Every writable format of the library, each round-tripped by rule R31. When a format is added
     * to {@code qube-api}, add it here; suites may also override {@link ArenaVerification#formats()}.
     */
    static List<QubeFormat> all() {
        return List.of(ASCII);
    }
}
