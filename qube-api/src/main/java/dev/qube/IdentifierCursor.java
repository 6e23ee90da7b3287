package dev.qube;

/**
 * A reusable view of the current identifier during {@link Qube#forEachIdentifier}: no object is
 * made per identifier. Valid only inside the callback; copy it with {@link #toIdentifier()} to keep it.
 */
public final class IdentifierCursor {

    String[] keys = new String[16];
    String[] values = new String[16];
    int size;

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
