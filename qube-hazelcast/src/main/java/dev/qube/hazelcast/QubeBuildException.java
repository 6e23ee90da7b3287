package dev.qube.hazelcast;

/**
 * A distributed build failed: a file could not be read or parsed, a member left and the job
 * could not finish, or the cluster could not be reached. No partial result is ever returned in
 * its place. The message says what went wrong; the cause is Hazelcast's or the reader's error.
 */
public class QubeBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure saying what went wrong ({@code message}), caused by {@code cause} (may be null). */
    public QubeBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
