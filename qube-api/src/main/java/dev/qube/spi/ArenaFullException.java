package dev.qube.spi;

/** Thrown when an arena cannot grow to hold what is asked of it; nothing was written. */
public final class ArenaFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArenaFullException(String message) {
        super(message);
    }
}
