package dev.qube.spi;

/**
 * A table from texts to dense {@code int} ids, safe for concurrent use.
 *
 * <p>Ids are a speed device only: the engine never lets an ordering, hash or equality depend on
 * which interner or which ids were used. Contract: equal texts get equal ids, different texts get
 * different ids, {@code text(intern(s)).equals(s)}, and ids are never reused.
 */
public interface Interner {

    /** The id of {@code text}, adding it if new. */
    int intern(String text);

    /** The text of an id handed out by {@link #intern}. */
    String text(int id);

    /** Number of distinct texts held. */
    int size();
}
