package dev.qube.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.util.Map;

/**
 * The operations run where a named qube lives: entry processors on the map of binary images.
 * Each reads the image, answers with plain values or an image, and never sends the stored qube.
 */
public final class Ops {

    private Ops() {
    }

    private static Qube stored(Map.Entry<String, byte[]> e) {
        byte[] image = e.getValue();
        return image == null ? null : Images.fromBytes(image, "the stored qube '" + e.getKey() + "'");
    }

    /** Exact count of identifiers, as decimal text (null when no such qube). */
    public static final class Count implements EntryProcessor<String, byte[], String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String process(Map.Entry<String, byte[]> e) {
            try (Qube q = stored(e)) {
                return q == null ? null : q.countExact().toString();
            }
        }

        @Override
        public EntryProcessor<String, byte[], String> getBackupProcessor() {
            return null; // read only
        }
    }

    /** Whether an identifier is in the qube (null when no such qube). */
    public static final class Contains implements EntryProcessor<String, byte[], Boolean> {
        private static final long serialVersionUID = 1L;
        private final String identifier;

        public Contains(String identifier) {
            this.identifier = identifier;
        }

        @Override
        public Boolean process(Map.Entry<String, byte[]> e) {
            try (Qube q = stored(e)) {
                return q == null ? null : q.contains(identifier);
            }
        }

        @Override
        public EntryProcessor<String, byte[], Boolean> getBackupProcessor() {
            return null;
        }
    }

    /** The image of a selection of the qube (null when no such qube). */
    public static final class Select implements EntryProcessor<String, byte[], byte[]> {
        private static final long serialVersionUID = 1L;
        private final String selection;
        private final SelectMode mode;

        public Select(String selection, SelectMode mode) {
            this.selection = selection;
            this.mode = mode;
        }

        @Override
        public byte[] process(Map.Entry<String, byte[]> e) {
            try (Qube q = stored(e)) {
                if (q == null) {
                    return null;
                }
                try (Qube r = q.select(Selection.parse(selection), mode)) {
                    return Images.toBytes(r);
                }
            }
        }

        @Override
        public EntryProcessor<String, byte[], byte[]> getBackupProcessor() {
            return null;
        }
    }

    /**
     * Replaces the stored qube by its union with the given one (stores it when absent); answers
     * the new exact count. The backup copy gets the same union.
     */
    public static final class Union implements EntryProcessor<String, byte[], String> {
        private static final long serialVersionUID = 1L;
        private final byte[] additions;

        public Union(byte[] additions) {
            this.additions = additions;
        }

        @Override
        public String process(Map.Entry<String, byte[]> e) {
            try (Qube add = Images.fromBytes(additions, "the identifiers to add"); Qube q = stored(e)) {
                if (q == null) {
                    e.setValue(additions);
                    return add.countExact().toString();
                }
                try (Qube u = q.union(add)) {
                    e.setValue(Images.toBytes(u));
                    return u.countExact().toString();
                }
            }
        }
    }
}
