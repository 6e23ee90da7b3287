/**
 * Qube for Java: the public API ({@code dev.qube}), the service-provider interfaces
 * ({@code dev.qube.spi}), and the engine that implements every operation against them.
 */
@SuppressWarnings("module") // the qualified export names a module that is built after this one
module dev.qube.api {
    requires com.fasterxml.jackson.core;

    exports dev.qube;
    exports dev.qube.spi;

    // the engine packages stay internal; the binary image reader is shared with the mapped backend,
    // which opens a binary qube file in place (MappedQubes)
    exports dev.qube.internal.format to dev.qube.arena.offheap;
    // edit distance for "did you mean", shared by the API's selection hints and the command's usage errors
    exports dev.qube.internal.text to dev.qube.cli;

    uses dev.qube.spi.ArenaProvider;
    uses dev.qube.spi.InternerProvider;
    uses dev.qube.spi.ValueCodec;

    // the built-ins are registered too, so that ServiceLoader-driven conformance runs find them
    provides dev.qube.spi.ValueCodec with dev.qube.internal.Utf8Codec;
    provides dev.qube.spi.InternerProvider with dev.qube.internal.ConcurrentInterner.Provider;
}
