package io.atelier.console;

/** A console cannot be opened or go on; the message says why, for the person at the browser. */
public class ConsoleUnavailableException extends Exception {

    /** The HTTP status the API answers for it (404 unknown node, 409 VM off or lab not ready…). */
    public final int status;

    public ConsoleUnavailableException(int status, String message) {
        super(message);
        this.status = status;
    }
}
