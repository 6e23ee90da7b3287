package dev.qube.server.http;

/**
 * A request that cannot be answered, with the HTTP status that says why; sent as JSON
 * ({@code {"status","error","message","parameter"?,"column"?}}).
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String parameter;
    final long column;

    ApiError(int status, String message) {
        this(status, message, null, -1);
    }

    ApiError(int status, String message, String parameter, long column) {
        super(message, null, false, false);
        this.status = status;
        this.parameter = parameter;
        this.column = column;
    }
}
