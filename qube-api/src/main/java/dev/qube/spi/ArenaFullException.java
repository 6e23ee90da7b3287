package dev.qube.spi;

/** Thrown when an arena cannot grow to hold what is asked of it; nothing was written. */
public final class ArenaFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what could not be allocated, and the limit. */
    public ArenaFullException(String message) {
        super(message);
    }
}
