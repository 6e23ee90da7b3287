/**
 * Value codecs: compact, lossless encodings of one node's value set. Nothing is exported; the
 * engine finds the codecs with {@link java.util.ServiceLoader} and picks, per value set, the
 * smallest encoding that reproduces every text exactly.
 */
module dev.qube.values {
    requires dev.qube.api;
    requires roaringbitmap;

    provides dev.qube.spi.ValueCodec with
            dev.qube.values.PackedCodec,
            dev.qube.values.RangesCodec,
            dev.qube.values.FloatCodec,
            dev.qube.values.BitmapCodec;
}
