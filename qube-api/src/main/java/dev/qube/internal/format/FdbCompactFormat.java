package dev.qube.internal.format;

import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;

/**
 * The FDB compact listing: one request a line, {@code retrieve,k=v1/v2,k2=v3,...}, each a dense
 * datacube (keys in the order given; values {@code /}-separated). A {@code Listing for request}
 * header block echoes the request that was listed (a bare {@code retrieve,} and indented
 * {@code k=v,} lines) and is not data. Blank lines are ignored; other lines are skipped and counted
 * with one warning (an error in strict mode). A request line that is malformed is an error with
 * its line and column. Read only.
 */
final class FdbCompactFormat implements FormatReader {

    static final String VERB = "retrieve,";
    static final String HEADER = "Listing for request";

    @Override
    public Qube read(InputStream in, String source, ReadOptions options) throws IOException {
        Lines lines = new Lines(in, source);
        QubeBuilder b = Qube.builder(options.arena());
        Skipped skipped = new Skipped(source, options, "that is not a request", "that are not requests");
        Groups g = new Groups();
        boolean header = false;
        try {
            while (lines.next()) {
                if (lines.blank()) {
                    header = false;
                    continue;
                }
                if (lines.startsWith(HEADER)) {
                    header = true;
                    continue;
                }
                boolean bareVerb = lines.end - lines.start == VERB.length() && lines.startsWith(VERB);
                if (header && (bareVerb || Lines.space(lines.buf[lines.start]))) {
                    continue; // the echoed request
                }
                header = false;
                if (!lines.startsWith(VERB)) {
                    skipped.line(lines, "expected a request line 'retrieve,k=v1/v2,...'");
                    continue;
                }
                lines.trimInterned();
                g.parse(lines, lines.start + VERB.length());
                LinkedHashMap<String, java.util.List<String>> axes = new LinkedHashMap<>();
                for (int i = 0; i < g.size(); i++) {
                    axes.put(g.keys.get(i), g.values.get(i));
                }
                Datacube cube;
                try {
                    cube = Datacube.of(axes);
                } catch (IllegalArgumentException e) {
                    throw lines.error(lines.start, e.getMessage());
                }
                b.add(cube);
            }
            return skipped.checked(b.build());
        } catch (RuntimeException | IOException e) {
            b.abandon();
            throw e;
        }
    }
}
