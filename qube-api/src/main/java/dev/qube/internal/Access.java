package dev.qube.internal;

import dev.qube.Qube;

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

    /** A fresh, writable store on the named backend (null: the default). */
    public static Store newStore(String arena) {
        var p = Providers.arena(arena);
        return new Store(p.open(0), p.name());
    }
}
