package dev.qube;

/**
 * A reusable view of the current identifier during {@link Qube#forEachIdentifier}: no object is
 * made per identifier. Valid only inside the callback; copy it with {@link #toIdentifier()} to keep it.
 */
public final class IdentifierCursor {

    String[] keys = new String[16];
    String[] values = new String[16];
    int size;
    /** Rank of the current identifier (its position in canonical order). */
    long rank;
    private dev.qube.internal.Meta meta = dev.qube.internal.Meta.NONE;
    private int[] runs = new int[0]; // per metadata column, the run holding the current rank (advanced lazily)

    IdentifierCursor() {
    }

    /** Number of pairs of the current identifier. */
    public int size() {
        return size;
    }

    /** Key at position {@code i} (0-based, path order). */
    public String key(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return keys[i];
    }

    /** Value at position {@code i}. */
    public String value(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    void meta(dev.qube.internal.Meta m) {
        this.meta = m;
        this.runs = new int[m.size()];
    }

    /** Position of the current identifier in canonical order, from 0. */
    public long rank() {
        return rank;
    }

    /** The metadata keys of the qube (code-point order); each identifier holds some of them. */
    public java.util.List<String> metadataKeys() {
        return meta.keys();
    }

    /** The texts the current identifier holds under metadata key {@code key} (canonical order), empty if none. */
    public java.util.List<String> metadata(String key) {
        for (int i = 0; i < meta.size(); i++) {
            if (meta.column(i).key().equals(key)) {
                return metadata(i);
            }
        }
        return java.util.List.of();
    }

    /** The texts of the {@code i}-th metadata key of {@link #metadataKeys()}, empty if none. No object is made. */
    public java.util.List<String> metadata(int i) {
        dev.qube.internal.Meta.Column c = meta.column(i);
        int r = runs[i];
        long[] ends = c.ends();
        if (r > 0 && rank < ends[r - 1]) {
            r = c.runOf(rank); // the cursor was moved back (not in forEachIdentifier)
        }
        while (r < ends.length && ends[r] <= rank) {
            r++;
        }
        runs[i] = r;
        return r < ends.length && c.ids()[r] >= 0 ? c.dict()[c.ids()[r]] : java.util.List.of();
    }

    /** The metadata of the current identifier as a value (an object: for keeping, not for streaming). */
    public Metadata toMetadata() {
        java.util.Map<String, java.util.List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < meta.size(); i++) {
            java.util.List<String> set = metadata(i);
            if (!set.isEmpty()) {
                m.put(meta.column(i).key(), set);
            }
        }
        return Metadata.of(m);
    }

    /** An immutable copy of the current identifier. */
    public Identifier toIdentifier() {
        String[] kv = new String[size * 2];
        for (int i = 0; i < size; i++) {
            kv[2 * i] = keys[i];
            kv[2 * i + 1] = values[i];
        }
        return Identifier.of(kv);
    }

    @Override
    public String toString() {
        return size == 0 ? "" : toIdentifier().toString();
    }
}
