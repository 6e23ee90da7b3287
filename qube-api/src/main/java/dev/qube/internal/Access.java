package dev.qube.internal;

import dev.qube.Qube;
import dev.qube.QubeBuilder;

/**
 * Lets engine packages reach a qube's store and make qubes from stores without making either
 * public. {@code dev.qube.Qube} installs the implementation when it is loaded.
 */
public final class Access {

    /** What {@code dev.qube} grants the engine. */
    public interface Grant {
        Store store(Qube q);

        int root(Qube q);

        Qube qube(Store store, int root);

        void addChecked(QubeBuilder builder, String[] keys, String[] values, int length, int shared);

        Qube qube(Store store, int root, int metaRef);

        Qube qube(Store store, int root, Meta meta);

        Meta meta(Qube q);

        Ranks ranks(Qube q);

        void addChecked(QubeBuilder builder, String[] keys, String[] values, int length, int shared, dev.qube.Metadata metadata);

        Qube withMeta(Qube q, Meta meta);
    }

    private static volatile Grant grant;

    private Access() {
    }

    public static void install(Grant g) {
        if (grant != null) {
            throw new IllegalStateException("already installed");
        }
        grant = g;
    }

    private static Grant grant() {
        Grant g = grant;
        if (g == null) {
            try {
                Class.forName(Qube.class.getName(), true, Qube.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            g = grant;
        }
        return g;
    }

    public static Store store(Qube q) {
        return grant().store(q);
    }

    public static int root(Qube q) {
        return grant().root(q);
    }

    /** A sealed qube over a store and root (the store must not be used for writing afterwards). */
    public static Qube qube(Store store, int root) {
        return grant().qube(store, root);
    }

    /**
     * Adds one identifier to a builder without making an {@link dev.qube.Identifier}: for readers
     * of listings, which have checked the pairs (valid, non-empty texts; distinct keys) themselves.
     * The first {@code shared} pairs must be those of the identifier added just before (0 if unsure).
     */
    public static void addChecked(QubeBuilder builder, String[] keys, String[] values, int length, int shared) {
        grant().addChecked(builder, keys, values, length, shared);
    }

    /** A sealed qube over a store and root whose metadata block is at {@code metaRef} (0: none). */
    public static Qube qube(Store store, int root, int metaRef) {
        return grant().qube(store, root, metaRef);
    }

    /** A qube over a writable store and root, with metadata written into the store (which is then sealed). */
    public static Qube qube(Store store, int root, Meta meta) {
        return grant().qube(store, root, meta);
    }

    /** The metadata columns of a qube. */
    public static Meta meta(Qube q) {
        return grant().meta(q);
    }

    /** The rank lookups of a qube. */
    public static Ranks ranks(Qube q) {
        return grant().ranks(q);
    }

    /** {@link #addChecked(QubeBuilder, String[], String[], int, int)} with the identifier's metadata. */
    public static void addChecked(QubeBuilder builder, String[] keys, String[] values, int length, int shared, dev.qube.Metadata metadata) {
        grant().addChecked(builder, keys, values, length, shared, metadata);
    }

    /**
     * The identifiers of {@code q} with metadata {@code meta} (columns over {@code q}'s ranks), in a
     * fresh arena of the same backend; {@code q}'s arena is closed either way.
     */
    public static Qube withMeta(Qube q, Meta meta) {
        return grant().withMeta(q, meta);
    }

    /** A fresh, writable store on the named backend (null: the default). */
    public static Store newStore(String arena) {
        var p = Providers.arena(arena);
        return new Store(p.open(0), p.name());
    }
}
