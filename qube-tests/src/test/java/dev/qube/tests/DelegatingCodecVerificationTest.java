package dev.qube.tests;

import dev.qube.spi.ValueCodec;
import dev.qube.tests.fixture.DelegatingCodec;

/** The control for the broken codecs: the correct codec they are derived from passes. */
class DelegatingCodecVerificationTest extends CodecVerification {
    @Override
    protected ValueCodec codec() {
        return new DelegatingCodec();
    }
}
