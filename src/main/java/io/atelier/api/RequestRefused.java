package io.atelier.api;

/**
 * A request the platform refuses, with the HTTP status to answer (4xx, or 5xx when the
 * platform itself is at fault) and a message a person can act on. Services throw it;
 * {@link ErrorMapper} turns it into {@code {"status": …, "error": "…"}}, so no resource
 * wraps its calls.
 */
public class RequestRefused extends RuntimeException {

    private final int status;

    public RequestRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static RequestRefused notFound(String message) {
        return new RequestRefused(404, message);
    }

    public static RequestRefused conflict(String message) {
        return new RequestRefused(409, message);
    }

    public static RequestRefused badRequest(String message) {
        return new RequestRefused(400, message);
    }
}
