package dev.qube.cli;

/** A failure whose message is ready for the user (one line, names the file). */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
