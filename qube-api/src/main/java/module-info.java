/**
 * Qube for Java: the public API ({@code dev.qube}), the service-provider interfaces
 * ({@code dev.qube.spi}), and the engine that implements every operation against them.
 */
module dev.qube.api {
    requires com.fasterxml.jackson.core;

    exports dev.qube;
    exports dev.qube.spi;

    // the engine packages stay internal

    uses dev.qube.spi.ArenaProvider;
    uses dev.qube.spi.InternerProvider;
    uses dev.qube.spi.ValueCodec;
}
