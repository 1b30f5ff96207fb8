package io.atelier.console.gateway;

import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * A failure that ends a gateway connection and is reported to the Guacamole client as
 * {@code error,<message>,<status>}: the status tells the platform whether the VNC server could not be
 * reached (0x0207 UPSTREAM_NOT_FOUND), refused the credentials (0x0301 CLIENT_UNAUTHORIZED), went away
 * (0x0202 UPSTREAM_ERROR), or what else happened.
 */
public final class GatewayException extends Exception {

    private final GuacamoleStatus status;

    public GatewayException(GuacamoleStatus status, String message) {
        super(message);
        this.status = status;
    }

    public GatewayException(GuacamoleStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public GuacamoleStatus status() {
        return status;
    }
}
